using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Services.FeatureExtraction;

/// <summary>
/// Feature sets in the object store: the files of a feature set folder under <c>features/&lt;id&gt;/</c>. A set
/// counts as present once its manifest.json is stored, and the manifest is uploaded after every shard, so a set whose
/// upload was interrupted is never taken for a finished one (and the next attempt completes it: rewriting identical
/// content is a no-op in the artifact store).
/// </summary>
public sealed class StoredFeatureSets(IArtifactStore store)
{
    private readonly ArtifactFolders _folders = new(store);

    /// <summary>The object store folder of feature set <paramref name="featureSetId"/>.</summary>
    public static ArtifactFolder FolderOf(string featureSetId) => new(FeatureSetLayout.StoragePrefix, featureSetId, FeatureSetLayout.ManifestFileName);

    /// <summary>The stored manifest of feature set <paramref name="featureSetId"/>, or null when it is not (completely) stored.</summary>
    public Task<ArtifactRef?> FindAsync(string featureSetId, CancellationToken cancellationToken) =>
        _folders.FindAsync(FolderOf(featureSetId), cancellationToken);

    /// <summary>Uploads every shard, then the manifest; returns the manifest's reference.</summary>
    public Task<ArtifactRef> UploadAsync(string directory, FeatureSetManifest manifest, CancellationToken cancellationToken) =>
        _folders.UploadAsync(
            FolderOf(manifest.Id),
            directory,
            manifest.Splits.Values.SelectMany(split => split.Shards).Select(shard => shard.File),
            cancellationToken);
}
