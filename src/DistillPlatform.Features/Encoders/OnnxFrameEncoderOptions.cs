using DistillPlatform.OnnxRuntime;

namespace DistillPlatform.Features.Encoders;

/// <summary>Settings of an <see cref="OnnxFrameEncoder"/>.</summary>
public sealed record OnnxFrameEncoderOptions
{
    /// <summary>Which output(s) become the features; the first output by default.</summary>
    public OnnxOutputSelection Output { get; init; } = OnnxOutputSelection.First;

    /// <summary>Frames per second of the model's output; null to measure it with two probe runs at load time.</summary>
    public double? FrameRateHz { get; init; }

    /// <summary>ONNX Runtime session settings (threads, graph optimisation, execution provider).</summary>
    public OnnxSessionOptions Session { get; init; } = new();

    /// <summary>Least severe ONNX Runtime log message printed to stderr.</summary>
    public OnnxLoggingLevel LoggingLevel { get; init; } = OnnxLoggingLevel.Warning;
}
