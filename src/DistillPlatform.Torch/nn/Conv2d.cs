namespace DistillPlatform.Torch.nn;

/// <summary>2-D convolution over [N, C, H, W] (PyTorch's <c>nn.Conv2d</c>; weight [out, in/groups, kH, kW]).</summary>
public sealed class Conv2d : Module<Tensor, Tensor>
{
    private readonly (long, long) _stride, _padding, _dilation;
    private readonly long _groups;

    public Conv2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long dilation = 1, long groups = 1,
        bool bias = true)
        : this(in_channels, out_channels, (kernel_size, kernel_size), (stride, stride), (padding, padding), (dilation, dilation), groups, bias)
    {
    }

    /// <summary>Per-axis sizes, (height, width).</summary>
    public Conv2d(long in_channels, long out_channels, (long, long) kernel_size, (long, long) stride, (long, long) padding, (long, long) dilation,
        long groups = 1, bool bias = true)
    {
        ConvolutionArguments.Validate(in_channels, out_channels, groups, kernel_size.Item1, stride.Item1, dilation.Item1, padding.Item1);
        ConvolutionArguments.Validate(in_channels, out_channels, groups, kernel_size.Item2, stride.Item2, dilation.Item2, padding.Item2);
        (_stride, _padding, _dilation, _groups) = (stride, padding, dilation, groups);
        weight = register_parameter(nameof(weight), TensorInterop.Empty(out_channels, in_channels / groups, kernel_size.Item1, kernel_size.Item2));
        this.bias = bias ? register_parameter(nameof(bias), TensorInterop.Empty(out_channels)) : null;
        Init.DefaultLayerInit(weight, this.bias, in_channels / groups * kernel_size.Item1 * kernel_size.Item2);
    }

    public Tensor weight { get; }

    public Tensor? bias { get; }

    public override Tensor forward(Tensor input) => Functional.conv2d(input, weight, bias, _stride, _padding, _dilation, _groups);
}
