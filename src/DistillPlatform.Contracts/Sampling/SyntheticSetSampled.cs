using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Contracts.Sampling;

/// <summary>
/// A synthetic training set is stored as feature set <see cref="SyntheticSetId"/>: <see cref="Manifest"/> is its
/// <c>features/&lt;id&gt;/manifest.json</c>. <see cref="FromCache"/> is true when the same set already existed.
/// </summary>
/// <param name="PointsPerClassName">Points sampled per class name.</param>
/// <param name="SizeBytes">Bytes of the set's shards and manifest.</param>
public sealed record SyntheticSetSampled(
    Guid RequestId,
    string SyntheticSetId,
    string GeneratorId,
    ArtifactRef Manifest,
    IReadOnlyDictionary<string, int> PointsPerClassName,
    long SizeBytes,
    bool FromCache);
