using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Contracts.Features;

/// <summary>
/// A feature set is complete in the object store: its <c>manifest.json</c> (<see cref="Manifest"/>) lists every shard
/// (stored next to it under <c>features/&lt;id&gt;/</c>) with its SHA-256. <see cref="FromCache"/> is true when the
/// set already existed and nothing was extracted. <see cref="SkippedRows"/> describes manifest rows left out because
/// the request asked to skip bad rows.
/// </summary>
/// <param name="UtterancesPerSplit">Utterances per split name ("train", "dev", "test").</param>
public sealed record FeaturesExtracted(
    Guid RequestId,
    string FeatureSetId,
    ArtifactRef Manifest,
    IReadOnlyDictionary<string, int> UtterancesPerSplit,
    bool FromCache,
    IReadOnlyList<string> SkippedRows);
