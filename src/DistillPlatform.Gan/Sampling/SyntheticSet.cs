using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Gan.Sampling;

/// <summary>A synthetic set written by <see cref="SyntheticSetWriter"/> to the local folder <see cref="Directory"/>.</summary>
/// <param name="SizeBytes">Bytes of its shards and manifest.</param>
public sealed record SyntheticSet(string Id, string Directory, FeatureSetManifest Manifest, long SizeBytes);
