namespace DistillPlatform.Features.Extraction;

/// <summary>
/// Feature extraction could not finish: an utterance failed to decode or encode (the message names its manifest
/// row), or the output folder holds something other than this feature set.
/// </summary>
public sealed class FeatureExtractionException : Exception
{
    public FeatureExtractionException(string message) : base(message)
    {
    }

    public FeatureExtractionException(string message, Exception inner) : base(message, inner)
    {
    }
}
