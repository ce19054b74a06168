using DistillPlatform.Contracts.Commands;

namespace DistillPlatform.Services.Distillation;

/// <summary>A <c>DistillGenerator</c> request cannot succeed as sent (not retried); the message says what to change.</summary>
public sealed class InvalidDistillationRequestException(string message, Exception? innerException = null)
    : InvalidRequestException(message, innerException);
