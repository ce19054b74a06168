namespace DistillPlatform.OnnxRuntime;

/// <summary>A call into ONNX Runtime returned an error status; carries ORT's own error code and message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(OrtErrorCode errorCode, string ortMessage)
        : base($"ONNX Runtime error {errorCode}: {ortMessage}")
    {
        ErrorCode = errorCode;
        OrtMessage = ortMessage;
    }

    /// <summary>The <c>OrtErrorCode</c> of the failed call.</summary>
    public OrtErrorCode ErrorCode { get; }

    /// <summary>ONNX Runtime's message, verbatim.</summary>
    public string OrtMessage { get; }
}
