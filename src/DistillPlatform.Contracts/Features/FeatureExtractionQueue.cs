namespace DistillPlatform.Contracts.Features;

/// <summary>The queue the feature extraction service reads <see cref="ExtractFeatures"/> commands from.</summary>
public static class FeatureExtractionQueue
{
    public const string Name = "extract-features";

    public static Uri Address { get; } = new($"queue:{Name}");
}
