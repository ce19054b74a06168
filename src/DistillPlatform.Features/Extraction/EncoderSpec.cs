using DistillPlatform.Features.Encoders;

namespace DistillPlatform.Features.Extraction;

/// <summary>
/// Which frame encoder a feature extraction uses, in a plain serialisable form (it travels inside messages):
/// the built-in log-mel encoder with its settings, or an ONNX model file with the output(s) to take.
/// <see cref="EncoderFactory"/> turns it into an <see cref="IFrameEncoder"/>.
/// </summary>
public sealed record EncoderSpec
{
    public EncoderKind Kind { get; init; } = EncoderKind.LogMel;

    /// <summary>Settings of the log-mel encoder; used when <see cref="Kind"/> is <see cref="EncoderKind.LogMel"/>.</summary>
    public LogMelSettings LogMel { get; init; } = new();

    /// <summary>Path of the .onnx model file; required when <see cref="Kind"/> is <see cref="EncoderKind.Onnx"/>.</summary>
    public string? OnnxModelPath { get; init; }

    /// <summary>
    /// Which model output becomes the features: null or empty for the first output, an output name, "#N" for the
    /// output at position N, "mean-all" for the element-wise mean of every output, or "mean:a+b+c" for the mean of
    /// the named outputs (averaging hidden layers is a common SSL feature).
    /// </summary>
    public string? OnnxOutput { get; init; }

    /// <summary>ONNX Runtime threads per operator; 0 lets ONNX Runtime choose. Does not change the features.</summary>
    public int OnnxThreads { get; init; }

    /// <summary>The default: 80 log-mel bins, 25 ms windows every 10 ms at 16 kHz.</summary>
    public static EncoderSpec DefaultLogMel { get; } = new();

    public static EncoderSpec ForLogMel(LogMelSettings settings) => new() { Kind = EncoderKind.LogMel, LogMel = settings };

    public static EncoderSpec ForOnnx(string modelPath, string? output = null, int threads = 0) =>
        new() { Kind = EncoderKind.Onnx, OnnxModelPath = modelPath, OnnxOutput = output, OnnxThreads = threads };
}
