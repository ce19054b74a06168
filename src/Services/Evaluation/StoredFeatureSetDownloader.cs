using DistillPlatform.Artifacts;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Services.Evaluation;

/// <summary>
/// Downloads a stored feature set (<c>features/&lt;id&gt;/</c>, as the extraction and sampling services store them)
/// into a local folder and opens it. <see cref="ArtifactFolders"/> verifies every file against its stored SHA-256, and
/// the reader checks every shard against the manifest again when it is read.
/// </summary>
public sealed class StoredFeatureSetDownloader(IArtifactStore store)
{
    private readonly ArtifactFolders _folders = new(store);

    public static ArtifactFolder FolderOf(string featureSetId) => new(FeatureSetLayout.StoragePrefix, featureSetId, FeatureSetLayout.ManifestFileName);

    /// <summary>Downloads feature set <paramref name="featureSetId"/> into <c>&lt;parentFolder&gt;/&lt;id&gt;</c>.</summary>
    /// <exception cref="MissingEvaluationInputException">The set is not (completely) stored.</exception>
    /// <exception cref="ArgumentException">The id is not a single path segment.</exception>
    public async Task<FeatureSetReader> DownloadAsync(string featureSetId, string parentFolder, CancellationToken cancellationToken)
    {
        var folder = FolderOf(featureSetId);
        if (await _folders.FindAsync(folder, cancellationToken) is null)
        {
            throw new MissingEvaluationInputException(
                $"Feature set '{featureSetId}' is not stored ({folder.ManifestKey} does not exist); extract or sample it before evaluating.");
        }
        string localFolder = Path.Combine(parentFolder, featureSetId);
        await _folders.DownloadAsync(folder, localFolder, cancellationToken);
        return FeatureSetReader.Open(localFolder);
    }
}
