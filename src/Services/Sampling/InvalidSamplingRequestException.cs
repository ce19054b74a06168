namespace DistillPlatform.Services.Sampling;

/// <summary>A <c>SampleSyntheticSet</c> request cannot succeed as sent; the message says what to change.</summary>
public sealed class InvalidSamplingRequestException(string message, Exception? innerException = null)
    : Exception(message, innerException);
