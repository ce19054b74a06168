using DistillPlatform.Artifacts;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Services.Evaluation;

/// <summary>
/// Downloads a stored feature set (<c>features/&lt;id&gt;/</c>) into a local folder and opens it. The manifest decides
/// which shards to fetch; each download is verified by the artifact store against its stored SHA-256, and the reader
/// checks every shard against the manifest again when it is read.
/// </summary>
public sealed class StoredFeatureSetDownloader(IArtifactStore store)
{
    /// <exception cref="MissingEvaluationInputException">The set's manifest or one of its shards is not stored.</exception>
    public async Task<FeatureSetReader> DownloadAsync(string featureSetId, string parentFolder, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(parentFolder, StorageKeys.RequireSafeId(featureSetId, "feature set"));
        Directory.CreateDirectory(folder);
        string manifestKey = StorageKeys.FeatureSetFile(featureSetId, FeatureSetLayout.ManifestFileName);
        var manifest = await store.TryGetReferenceAsync(manifestKey, cancellationToken) ?? throw new MissingEvaluationInputException(
            $"Feature set '{featureSetId}' is not stored ({manifestKey} does not exist); extract or sample it before evaluating.");
        await DownloadToFileAsync(manifestKey, Path.Combine(folder, FeatureSetLayout.ManifestFileName), cancellationToken);
        var reader = FeatureSetReader.Open(folder);
        foreach (var shard in reader.Manifest.Splits.Values.SelectMany(split => split.Shards))
        {
            await DownloadToFileAsync(StorageKeys.FeatureSetFile(featureSetId, shard.File), Path.Combine(folder, shard.File), cancellationToken);
        }
        return reader;
    }

    private async Task DownloadToFileAsync(string key, string path, CancellationToken cancellationToken)
    {
        var artifact = await store.TryGetReferenceAsync(key, cancellationToken) ?? throw new MissingEvaluationInputException(
            $"{key} is listed by its feature set's manifest but not stored; the feature set is incomplete, store it again.");
        await using var file = File.Create(path);
        await store.DownloadAsync(artifact, file, cancellationToken);
    }
}
