using System.Text.Json;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Services.Sampling;

/// <summary>
/// Synthetic sets in the object store: ordinary feature sets under <c>features/&lt;synthetic set id&gt;/</c>
/// (<see cref="FeatureSetLayout.StoragePrefix"/>), shards first and <c>manifest.json</c> last, so the evaluation service
/// reads them exactly like real features.
/// </summary>
public sealed class StoredSyntheticSets(IArtifactStore store)
{
    private readonly ArtifactFolders _folders = new(store);

    /// <summary>A stored set: its manifest's reference and content, and the bytes of its shards and manifest.</summary>
    public sealed record StoredSet(ArtifactRef ManifestRef, FeatureSetManifest Manifest, long SizeBytes);

    public static ArtifactFolder FolderOf(string syntheticSetId) => new(FeatureSetLayout.StoragePrefix, syntheticSetId, FeatureSetLayout.ManifestFileName);

    /// <summary>The complete set <paramref name="syntheticSetId"/>, or null when it is not (completely) stored.</summary>
    public async Task<StoredSet?> FindAsync(string syntheticSetId, CancellationToken cancellationToken)
    {
        ArtifactRef? manifestRef = await _folders.FindAsync(FolderOf(syntheticSetId), cancellationToken);
        if (manifestRef is null)
            return null;
        // Read to the end before parsing: the store verifies the content's hash only once the stream is exhausted.
        using var content = new MemoryStream();
        await store.DownloadAsync(manifestRef, content, cancellationToken);
        FeatureSetManifest manifest = JsonSerializer.Deserialize<FeatureSetManifest>(content.ToArray(), FeatureSetLayout.ManifestJson)
            ?? throw new InvalidDataException($"{manifestRef.Uri} holds JSON null instead of a feature set manifest.");
        return new StoredSet(manifestRef, manifest, ShardBytes(manifest) + manifestRef.SizeBytes);
    }

    /// <summary>Uploads the set written in <paramref name="localDirectory"/>, its manifest last, and returns the manifest's reference.</summary>
    public Task<ArtifactRef> UploadAsync(string syntheticSetId, string localDirectory, CancellationToken cancellationToken) =>
        _folders.UploadAsync(FolderOf(syntheticSetId), localDirectory, cancellationToken: cancellationToken);

    private static long ShardBytes(FeatureSetManifest manifest) => manifest.Splits.Values.SelectMany(split => split.Shards).Sum(shard => shard.Bytes);
}
