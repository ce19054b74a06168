using DistillPlatform.Contracts.Commands;

namespace DistillPlatform.Services.Sampling;

/// <summary>A <c>SampleSyntheticSet</c> request cannot succeed as sent (not retried); the message says what to change.</summary>
public sealed class InvalidSamplingRequestException(string message, Exception? innerException = null)
    : InvalidRequestException(message, innerException);
