namespace DistillPlatform.Contracts.Artifacts;

/// <summary>
/// Describes one logical artifact (a feature set, a checkpoint pool, a distilled generator, a sampled data set)
/// made of several stored files. Stored as a small JSON document next to the files.
/// </summary>
/// <param name="Kind">What the artifact is, e.g. <c>features</c>, <c>checkpoint-pool</c>, <c>generator</c>.</param>
/// <param name="Id">Identifier unique within <paramref name="Kind"/>.</param>
/// <param name="CreatedAt">When the producer finished writing the artifact.</param>
/// <param name="Files">The files that make up the artifact.</param>
/// <param name="Properties">Free-form producer information (configuration, source ids, metrics).</param>
public sealed record ArtifactManifest(
    string Kind,
    string Id,
    DateTimeOffset CreatedAt,
    IReadOnlyList<ArtifactFile> Files,
    IReadOnlyDictionary<string, string> Properties);
