namespace DistillPlatform.Features.FeatureSets;

/// <summary>
/// What a <see cref="FeatureSetWriter"/> records in the manifest besides the counts and shards it works out itself.
/// Synthetic sets pass an empty speaker list and speaker index -1, and leave the corpus fields null.
/// </summary>
public sealed record FeatureSetDescription(
    string Id,
    FeatureSetKind Kind,
    string EncoderId,
    string EncoderConfig,
    double FrameRateHz,
    int Dimensions,
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> Speakers,
    string CreatedBy)
{
    public string? SourceCorpusHash { get; init; }

    public string? LabelMapping { get; init; }

    public string? SplitPolicy { get; init; }

    public string? Preprocessing { get; init; }
}
