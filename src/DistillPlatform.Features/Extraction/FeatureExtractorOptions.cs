using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Features.Extraction;

/// <summary>How a <see cref="FeatureExtractor"/> runs; none of these change the features, so none are part of the id.</summary>
public sealed record FeatureExtractorOptions
{
    /// <summary>
    /// Utterances decoded and encoded at once (the queue between the encoders and the writer holds this many);
    /// bounds memory to about this many utterances' audio and features.
    /// </summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Shard size limits of the written feature set. Normalisation statistics are always computed.</summary>
    public FeatureSetWriterOptions Writer { get; init; } = new();

    /// <summary>Recorded as the manifest's CreatedBy.</summary>
    public string CreatedBy { get; init; } = "DistillPlatform.Features.FeatureExtractor/1";
}
