namespace DistillPlatform.Artifacts;

/// <summary>
/// Where a folder-shaped artifact (a feature set, a checkpoint pool, ...) lives in the object store: every file under
/// <c>&lt;Prefix&gt;/&lt;Id&gt;/</c>, keeping its path relative to the folder. The folder counts as complete once
/// <see cref="ManifestFileName"/> is stored, because that file is always uploaded last.
/// </summary>
/// <param name="Prefix">First key segment naming the kind of artifact, e.g. <c>features</c> or <c>pools</c>.</param>
/// <param name="Id">Identifier of this artifact within its kind; becomes the second key segment.</param>
/// <param name="ManifestFileName">The file whose presence marks the folder complete, e.g. <c>manifest.json</c>.</param>
public sealed record ArtifactFolder(string Prefix, string Id, string ManifestFileName)
{
    /// <summary>The key prefix every file of the folder shares, ending in '/'.</summary>
    public string KeyPrefix => $"{Prefix}/{Id}/";

    public string ManifestKey => KeyOf(ManifestFileName);

    /// <summary>The key of the file at <paramref name="relativePath"/> (either separator) inside the folder.</summary>
    public string KeyOf(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        return KeyPrefix + relativePath.Replace('\\', '/');
    }

    /// <summary>Throws <see cref="ArgumentException"/> when a part would make keys ambiguous or escape the folder.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { (nameof(Prefix), Prefix), (nameof(Id), Id), (nameof(ManifestFileName), ManifestFileName) })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Contains('/') || value.Contains('\\') || value is "." or "..")
            {
                throw new ArgumentException(
                    $"Artifact folder {name} '{value}' must be a single non-empty path segment (no '/', '\\', '.' or '..').");
            }
        }
    }
}
