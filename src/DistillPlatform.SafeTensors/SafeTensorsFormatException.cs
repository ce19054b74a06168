namespace DistillPlatform.SafeTensors;

/// <summary>A file or stream is not a valid safetensors document, or a tensor is read as the wrong type.</summary>
public sealed class SafeTensorsFormatException(string message) : Exception(message);
