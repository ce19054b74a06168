using DistillPlatform.Contracts.Commands;

namespace DistillPlatform.Services.FeatureExtraction;

/// <summary>
/// An <c>ExtractFeatures</c> message that cannot be carried out as sent; the message says what to change. Being an
/// <see cref="InvalidRequestException"/>, it is not retried.
/// </summary>
public sealed class InvalidExtractionRequestException : InvalidRequestException
{
    public InvalidExtractionRequestException(string message) : base(message)
    {
    }

    public InvalidExtractionRequestException(string message, Exception inner) : base(message, inner)
    {
    }
}
