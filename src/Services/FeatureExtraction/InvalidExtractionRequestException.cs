namespace DistillPlatform.Services.FeatureExtraction;

/// <summary>An <c>ExtractFeatures</c> message that cannot be carried out as sent; the message says what to change.</summary>
public sealed class InvalidExtractionRequestException : Exception
{
    public InvalidExtractionRequestException(string message) : base(message)
    {
    }

    public InvalidExtractionRequestException(string message, Exception inner) : base(message, inner)
    {
    }
}
