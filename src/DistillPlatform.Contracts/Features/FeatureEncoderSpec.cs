namespace DistillPlatform.Contracts.Features;

/// <summary>
/// The frame encoder. Log-mel: <see cref="MelBins"/> bins from <see cref="WindowMilliseconds"/> windows every
/// <see cref="HopMilliseconds"/> at 16 kHz. ONNX: the model at <see cref="OnnxModelPath"/> (a path on the service's
/// machine); <see cref="OnnxOutput"/> picks the output: null for the first, a name, "#N" for position N, "mean-all",
/// or "mean:a+b" for the mean of named outputs; <see cref="OnnxThreads"/> 0 lets ONNX Runtime choose.
/// </summary>
public sealed record FeatureEncoderSpec(
    FeatureEncoderKind Kind = FeatureEncoderKind.LogMel,
    int MelBins = 80,
    double WindowMilliseconds = 25,
    double HopMilliseconds = 10,
    string? OnnxModelPath = null,
    string? OnnxOutput = null,
    int OnnxThreads = 0);
