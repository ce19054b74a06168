namespace DistillPlatform.Features.FeatureSets;

/// <summary>
/// Shard size limits and optional statistics. A shard is closed before an utterance would take it past either
/// limit; an utterance larger than <see cref="MaxShardBytes"/> on its own gets a shard of its own.
/// </summary>
public sealed record FeatureSetWriterOptions
{
    public const long DefaultMaxShardBytes = 64L * 1024 * 1024;
    public const int DefaultMaxShardUtterances = 50_000;

    /// <summary>Upper bound on a shard's feature bytes (4 bytes per value); also bounds the writer's memory per split.</summary>
    public long MaxShardBytes { get; init; } = DefaultMaxShardBytes;

    public int MaxShardUtterances { get; init; } = DefaultMaxShardUtterances;

    /// <summary>Compute per-dimension mean/std over the train split's frames into the manifest.</summary>
    public bool ComputeNormalization { get; init; } = true;
}
