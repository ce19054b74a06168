namespace DistillPlatform.Services.FeatureExtraction;

/// <summary>A corpus readable on this machine; a downloaded copy is deleted on dispose, a local folder is left alone.</summary>
public sealed class FetchedCorpus(string manifestPath, string? downloadFolder) : IDisposable
{
    public string ManifestPath { get; } = manifestPath;

    public void Dispose()
    {
        if (downloadFolder is not null && Directory.Exists(downloadFolder))
        {
            Directory.Delete(downloadFolder, recursive: true);
        }
    }
}
