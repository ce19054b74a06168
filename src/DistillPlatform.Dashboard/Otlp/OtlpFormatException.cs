namespace DistillPlatform.Dashboard.Otlp;

/// <summary>An OTLP request body that is not a valid protobuf message of the expected type.</summary>
public sealed class OtlpFormatException(string message, Exception? inner = null) : Exception(message, inner);
