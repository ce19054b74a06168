namespace DistillPlatform.Torch.nn;

/// <summary>Shared argument checks of the convolution layers, so a bad size fails at construction with a clear message.</summary>
internal static class ConvolutionArguments
{
    internal static void Validate(long inChannels, long outChannels, long groups, long kernel, long stride, long dilation, long padding)
    {
        if (inChannels <= 0 || outChannels <= 0)
            throw new ArgumentOutOfRangeException(nameof(inChannels), $"Convolution channels must be positive; got {inChannels} -> {outChannels}.");
        if (groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"groups={groups} must divide both in_channels={inChannels} and out_channels={outChannels}.");
        if (kernel <= 0 || stride <= 0 || dilation <= 0)
            throw new ArgumentOutOfRangeException(nameof(kernel), $"kernel_size, stride and dilation must be positive; got {kernel}, {stride}, {dilation}.");
        if (padding < 0)
            throw new ArgumentOutOfRangeException(nameof(padding), padding, "padding must not be negative.");
    }
}
