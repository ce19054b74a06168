namespace DistillPlatform.Emotion.Models;

/// <summary>
/// Which downstream head to build and its sizes, s3prl-style: swapping <see cref="Type"/> swaps the architecture
/// without touching the trainer. Recorded (as JSON) with every checkpoint so a checkpoint can be rebuilt alone.
/// </summary>
/// <param name="Type">One of <see cref="SuperbEmotion"/> or <see cref="TemporalConv"/>.</param>
/// <param name="HiddenSize">Width of the first layer (the projector / convolution channels).</param>
/// <param name="KernelSize">Frames the temporal convolution spans (odd, so the output keeps the input length); unused by the SUPERB head.</param>
public sealed record HeadConfig(string Type, int HiddenSize = 256, int KernelSize = 5)
{
    /// <summary>SUPERB's emotion head: per-frame Linear D→hidden, masked mean pooling, Linear hidden→classes.</summary>
    public const string SuperbEmotion = "superb-emotion";

    /// <summary>Conv1d over time D→hidden, ReLU, masked mean pooling, Linear hidden→classes.</summary>
    public const string TemporalConv = "temporal-conv";

    public static IReadOnlyList<string> KnownTypes { get; } = [SuperbEmotion, TemporalConv];

    /// <summary>The default head (SUPERB emotion, 256-d projector).</summary>
    public static HeadConfig Default { get; } = new(SuperbEmotion);

    /// <summary>Throws <see cref="ArgumentException"/> naming what to fix.</summary>
    public void Validate()
    {
        if (!KnownTypes.Contains(Type, StringComparer.Ordinal))
            throw new ArgumentException($"Unknown head type '{Type}'; use one of: {string.Join(", ", KnownTypes)}.");
        if (HiddenSize < 1)
            throw new ArgumentException($"HiddenSize must be at least 1; got {HiddenSize}.");
        if (Type == TemporalConv && (KernelSize < 1 || KernelSize % 2 == 0))
            throw new ArgumentException($"The temporal-conv head needs an odd KernelSize ≥ 1 so frames stay aligned; got {KernelSize}.");
    }
}
