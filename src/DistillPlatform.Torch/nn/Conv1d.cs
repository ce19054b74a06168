namespace DistillPlatform.Torch.nn;

/// <summary>1-D convolution over [N, C, L] (PyTorch's <c>nn.Conv1d</c>; weight [out, in/groups, kernel]).</summary>
public sealed class Conv1d : Module<Tensor, Tensor>
{
    private readonly long _stride, _padding, _dilation, _groups;

    public Conv1d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1, long groups = 1,
        bool bias = true)
    {
        ConvolutionArguments.Validate(in_channels, out_channels, groups, kernel_size, stride, dilation, padding);
        (_stride, _padding, _dilation, _groups) = (stride, padding, dilation, groups);
        weight = register_parameter(nameof(weight), TensorInterop.Empty(out_channels, in_channels / groups, kernel_size));
        this.bias = bias ? register_parameter(nameof(bias), TensorInterop.Empty(out_channels)) : null;
        Init.DefaultLayerInit(weight, this.bias, in_channels / groups * kernel_size);
    }

    public Tensor weight { get; }

    public Tensor? bias { get; }

    public override Tensor forward(Tensor input) => Functional.conv1d(input, weight, bias, _stride, _padding, _dilation, _groups);
}
