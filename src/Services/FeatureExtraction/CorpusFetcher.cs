using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Features;

namespace DistillPlatform.Services.FeatureExtraction;

/// <summary>
/// Makes the corpus of a <see cref="CorpusLocation"/> readable here: a local folder is used in place; an object store
/// prefix is downloaded (every object under it, verified, keeping its path relative to the prefix) into a temporary
/// folder, so the manifest's relative audio paths work unchanged.
/// </summary>
public sealed class CorpusFetcher(IArtifactStore store)
{
    /// <exception cref="InvalidExtractionRequestException">The location is malformed, or there is no manifest at it.</exception>
    public async Task<FetchedCorpus> FetchAsync(CorpusLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        bool isLocal = !string.IsNullOrWhiteSpace(location.LocalFolder);
        bool isStored = !string.IsNullOrWhiteSpace(location.ObjectStorePrefix);
        if (isLocal == isStored)
        {
            throw new InvalidExtractionRequestException(
                $"The corpus location must name exactly one of LocalFolder and ObjectStorePrefix; it names {(isLocal ? "both" : "neither")}.");
        }
        if (string.IsNullOrWhiteSpace(location.ManifestName))
        {
            throw new InvalidExtractionRequestException("The corpus location has no ManifestName; it is usually 'labels.csv'.");
        }
        return isLocal ? UseLocalFolder(location.LocalFolder!, location.ManifestName) : await DownloadAsync(location.ObjectStorePrefix!, location.ManifestName, cancellationToken);
    }

    private static FetchedCorpus UseLocalFolder(string folder, string manifestName)
    {
        string manifestPath = Path.GetFullPath(Path.Combine(folder, manifestName));
        if (!File.Exists(manifestPath))
        {
            throw new InvalidExtractionRequestException(
                $"No corpus manifest at '{manifestPath}' on the feature extraction service's machine; check Corpus.LocalFolder and Corpus.ManifestName.");
        }
        return new FetchedCorpus(manifestPath, downloadFolder: null);
    }

    private async Task<FetchedCorpus> DownloadAsync(string prefix, string manifestName, CancellationToken cancellationToken)
    {
        string normalizedPrefix = prefix.TrimEnd('/') + "/";
        string folder = Directory.CreateTempSubdirectory("distill-corpus-").FullName;
        try
        {
            int downloaded = 0;
            await foreach (ArtifactObjectSummary stored in store.ListAsync(normalizedPrefix, cancellationToken))
            {
                string path = Path.GetFullPath(Path.Combine(folder, stored.Key[normalizedPrefix.Length..]));
                if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new InvalidExtractionRequestException($"Object '{stored.Key}' would land outside the corpus folder; corpus keys must not contain '..'.");
                }
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                ArtifactRef reference = await store.GetReferenceAsync(stored.Key, cancellationToken);
                await using (FileStream file = File.Create(path))
                {
                    await store.DownloadAsync(reference, file, cancellationToken);
                }
                downloaded++;
            }
            string manifestPath = Path.Combine(folder, manifestName);
            if (!File.Exists(manifestPath))
            {
                throw new InvalidExtractionRequestException(
                    $"No corpus manifest '{manifestName}' under s3://{store.Bucket}/{normalizedPrefix} ({downloaded} object(s) there); " +
                    "check Corpus.ObjectStorePrefix and Corpus.ManifestName.");
            }
            return new FetchedCorpus(manifestPath, folder);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }
}
