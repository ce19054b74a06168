namespace DistillPlatform.Torch.nn;

/// <summary>
/// Transposed 2-D convolution (PyTorch's <c>nn.ConvTranspose2d</c>; weight [in, out/groups, kH, kW]). Output size per
/// axis: (in - 1)·stride - 2·padding + dilation·(kernel - 1) + output_padding + 1.
/// </summary>
public sealed class ConvTranspose2d : Module<Tensor, Tensor>
{
    private readonly (long, long) _stride, _padding, _outputPadding, _dilation;
    private readonly long _groups;

    public ConvTranspose2d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0, long output_padding = 0,
        long groups = 1, bool bias = true, long dilation = 1)
    {
        ConvolutionArguments.Validate(in_channels, out_channels, groups, kernel_size, stride, dilation, padding);
        if (output_padding < 0 || (output_padding >= stride && output_padding >= dilation))
            throw new ArgumentOutOfRangeException(nameof(output_padding), output_padding, "output_padding must be smaller than stride or dilation.");
        (_stride, _padding, _outputPadding, _dilation, _groups) =
            ((stride, stride), (padding, padding), (output_padding, output_padding), (dilation, dilation), groups);
        weight = register_parameter(nameof(weight), TensorInterop.Empty(in_channels, out_channels / groups, kernel_size, kernel_size));
        this.bias = bias ? register_parameter(nameof(bias), TensorInterop.Empty(out_channels)) : null;
        // PyTorch computes fan-in from weight dimension 1 here, i.e. out_channels/groups · kernel area.
        Init.DefaultLayerInit(weight, this.bias, out_channels / groups * kernel_size * kernel_size);
    }

    public Tensor weight { get; }

    public Tensor? bias { get; }

    public override Tensor forward(Tensor input) =>
        Functional.conv_transpose2d(input, weight, bias, _stride, _padding, _outputPadding, _groups, _dilation);
}
