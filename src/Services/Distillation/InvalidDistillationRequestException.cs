namespace DistillPlatform.Services.Distillation;

/// <summary>A <c>DistillGenerator</c> request cannot succeed as sent; the message says what to change.</summary>
public sealed class InvalidDistillationRequestException(string message, Exception? innerException = null)
    : Exception(message, innerException);
