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
    public const string KeyPrefix = "features/";

    public static string KeyOf(string featureSetId, string fileName) => $"{KeyPrefix}{featureSetId}/{fileName}";

    /// <summary>The stored manifest of feature set <paramref name="featureSetId"/>, or null when it is not (completely) stored.</summary>
    public Task<ArtifactRef?> FindAsync(string featureSetId, CancellationToken cancellationToken) =>
        store.TryGetReferenceAsync(KeyOf(featureSetId, FeatureSetLayout.ManifestFileName), cancellationToken);

    /// <summary>Uploads every shard, then the manifest; returns the manifest's reference.</summary>
    public async Task<ArtifactRef> UploadAsync(string directory, FeatureSetManifest manifest, CancellationToken cancellationToken)
    {
        foreach (FeatureShardEntry shard in manifest.Splits.Values.SelectMany(split => split.Shards))
        {
            await using FileStream content = File.OpenRead(Path.Combine(directory, shard.File));
            await store.PutAsync(KeyOf(manifest.Id, shard.File), content, ArtifactMediaTypes.SafeTensors, cancellationToken);
        }
        await using FileStream manifestContent = File.OpenRead(Path.Combine(directory, FeatureSetLayout.ManifestFileName));
        return await store.PutAsync(KeyOf(manifest.Id, FeatureSetLayout.ManifestFileName), manifestContent, ArtifactMediaTypes.Json, cancellationToken);
    }
}
