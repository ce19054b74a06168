using DistillPlatform.Features.Corpus;

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

    /// <summary>
    /// The description of features extracted from a resolved corpus: classes and speakers in the corpus's index
    /// order (so <see cref="CorpusUtterance.ClassIndex"/> and <see cref="CorpusUtterance.SpeakerIndex"/> can be
    /// written as they are), provenance from the request, and the deterministic <see cref="FeatureSetId"/>.
    /// </summary>
    public static FeatureSetDescription ForCorpus(
        ResolvedCorpus corpus,
        string corpusContentHash,
        string encoderId,
        string encoderConfig,
        double frameRateHz,
        int dimensions,
        string preprocessing,
        string createdBy) =>
        new(
            FeatureSetId.ForCorpus(corpusContentHash, corpus.Request.Labels, corpus.Request.Split, encoderId, encoderConfig, preprocessing),
            FeatureSetKind.Real,
            encoderId,
            encoderConfig,
            frameRateHz,
            dimensions,
            corpus.Classes,
            corpus.Speakers,
            createdBy)
        {
            SourceCorpusHash = corpusContentHash,
            LabelMapping = corpus.Request.Labels.Canonical,
            SplitPolicy = corpus.Request.Split.Canonical,
            Preprocessing = preprocessing,
        };
}
