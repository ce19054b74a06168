namespace DistillPlatform.OnnxRuntime;

/// <summary>Minimum severity ONNX Runtime logs (OrtLoggingLevel in the C API).</summary>
public enum OnnxLoggingLevel
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}
