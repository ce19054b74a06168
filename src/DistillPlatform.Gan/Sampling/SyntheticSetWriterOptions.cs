using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Gan.Sampling;

/// <summary>How a <see cref="SyntheticSetWriter"/> cuts its output into shards; the sampled points do not depend on it.</summary>
public sealed record SyntheticSetWriterOptions
{
    /// <summary>Upper bound on a shard's feature bytes, and so on the writer's memory besides one draw.</summary>
    public long MaxShardBytes { get; init; } = FeatureSetWriterOptions.DefaultMaxShardBytes;

    /// <summary>Written into the manifest as the set's <c>createdBy</c>.</summary>
    public string CreatedBy { get; init; } = "DistillPlatform.Gan.Sampling";
}
