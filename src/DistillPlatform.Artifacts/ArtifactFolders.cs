using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Artifacts;

/// <summary>
/// Moves whole folders between the local disk and the artifact store (see <see cref="ArtifactFolder"/> for the key
/// layout). Uploads store the manifest file last, so a reader that finds the manifest finds every other file too, and
/// an interrupted upload is never mistaken for a finished one; repeating it completes it, since rewriting identical
/// content is a no-op. Downloads verify every file against the SHA-256 recorded when it was written and write each
/// file under a temporary name first, so a failed download never leaves a file that looks complete.
/// </summary>
public sealed class ArtifactFolders(IArtifactStore store)
{
    private const string PartialSuffix = ".partial";

    /// <summary>The stored manifest of <paramref name="folder"/>, or null when the folder is not (completely) stored.</summary>
    public Task<ArtifactRef?> FindAsync(ArtifactFolder folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        folder.Validate();
        return store.TryGetReferenceAsync(folder.ManifestKey, cancellationToken);
    }

    /// <summary>
    /// Uploads the files of <paramref name="localDirectory"/> named by <paramref name="relativePaths"/> (all its files,
    /// recursively, in ordinal path order, when null), then its manifest; returns the manifest's reference.
    /// </summary>
    /// <exception cref="FileNotFoundException">The manifest or a listed file is missing; then nothing was uploaded.</exception>
    public async Task<ArtifactRef> UploadAsync(
        ArtifactFolder folder, string localDirectory, IEnumerable<string>? relativePaths = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        folder.Validate();
        string directory = Path.GetFullPath(localDirectory);
        string manifestPath = Path.Combine(directory, folder.ManifestFileName);
        var files = (relativePaths ?? FilesUnder(directory))
            .Select(NormalizeRelativePath)
            .Where(path => path != folder.ManifestFileName)
            .ToArray();
        // Check everything first: failing halfway would leave an incomplete folder for no reason.
        foreach (string path in files.Select(file => Path.Combine(directory, file)).Append(manifestPath))
        {
            if (!File.Exists(path))
                throw new FileNotFoundException($"Cannot upload artifact folder '{folder.KeyPrefix}': '{path}' does not exist.", path);
        }

        foreach (string file in files)
            await UploadFileAsync(folder, directory, file, cancellationToken);
        return await UploadFileAsync(folder, directory, folder.ManifestFileName, cancellationToken);
    }

    /// <summary>
    /// Uploads one file of the folder (e.g. as soon as a producer finished it, so that the work survives a crash).
    /// Uploading the manifest this way marks the folder complete; use <see cref="UploadAsync"/> for that.
    /// </summary>
    public async Task<ArtifactRef> UploadFileAsync(
        ArtifactFolder folder, string localDirectory, string relativePath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string file = NormalizeRelativePath(relativePath);
        await using FileStream content = File.OpenRead(Path.Combine(Path.GetFullPath(localDirectory), file));
        return await store.PutAsync(folder.KeyOf(file), content, MediaTypeOf(file), cancellationToken);
    }

    /// <summary>
    /// Downloads the complete folder into <paramref name="localDirectory"/> (created if missing; files of the same
    /// names are replaced), the manifest last, and returns the manifest's reference.
    /// </summary>
    /// <exception cref="ArtifactNotFoundException">The folder's manifest is not stored: the folder is missing or incomplete.</exception>
    /// <exception cref="ArtifactIntegrityException">A stored file differs from what was written.</exception>
    public async Task<ArtifactRef> DownloadAsync(
        ArtifactFolder folder, string localDirectory, CancellationToken cancellationToken = default)
    {
        var manifest = await FindAsync(folder, cancellationToken)
                       ?? throw new ArtifactNotFoundException(new ArtifactLocation(store.Bucket, folder.ManifestKey).ToString());
        await DownloadStoredFilesAsync(folder, localDirectory, cancellationToken);
        await DownloadFileAsync(manifest, Path.Combine(Path.GetFullPath(localDirectory), folder.ManifestFileName), cancellationToken);
        return manifest;
    }

    /// <summary>
    /// Downloads whatever files of the folder are stored so far, except the manifest (e.g. to resume an interrupted
    /// producer), and returns their relative paths in ordinal order.
    /// </summary>
    /// <exception cref="ArtifactIntegrityException">A stored file differs from what was written.</exception>
    public async Task<IReadOnlyList<string>> DownloadStoredFilesAsync(
        ArtifactFolder folder, string localDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        folder.Validate();
        string directory = Path.GetFullPath(localDirectory);
        Directory.CreateDirectory(directory);
        var downloaded = new List<string>();
        await foreach (var stored in store.ListAsync(folder.KeyPrefix, cancellationToken))
        {
            string relativePath = stored.Key[folder.KeyPrefix.Length..];
            if (relativePath == folder.ManifestFileName)
                continue;
            string target = LocalPathOf(directory, relativePath, stored.Key);
            var reference = await store.GetReferenceAsync(stored.Key, cancellationToken);
            await DownloadFileAsync(reference, target, cancellationToken);
            downloaded.Add(relativePath);
        }
        downloaded.Sort(StringComparer.Ordinal);
        return downloaded;
    }

    /// <summary>The media type recorded for a file, from its extension.</summary>
    public static string MediaTypeOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".json" => ArtifactMediaTypes.Json,
        ".safetensors" => ArtifactMediaTypes.SafeTensors,
        ".onnx" => ArtifactMediaTypes.Onnx,
        ".md" => ArtifactMediaTypes.Markdown,
        ".svg" => ArtifactMediaTypes.Svg,
        _ => ArtifactMediaTypes.OctetStream,
    };

    private async Task DownloadFileAsync(ArtifactRef reference, string target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string temporary = target + PartialSuffix;
        try
        {
            await using (FileStream output = File.Create(temporary))
                await store.DownloadAsync(reference, output, cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static IEnumerable<string> FilesUnder(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path))
            .Order(StringComparer.Ordinal);

    private static string NormalizeRelativePath(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        string normalized = relativePath.Replace('\\', '/');
        if (Path.IsPathRooted(normalized) || normalized.Split('/').Any(segment => segment is "" or "." or ".."))
            throw new ArgumentException($"'{relativePath}' is not a plain path inside the folder (no '.', '..', empty or rooted segments).", nameof(relativePath));
        return normalized;
    }

    /// <summary>Where a stored file goes locally; refuses keys that would land outside the target folder.</summary>
    private static string LocalPathOf(string directory, string relativePath, string key)
    {
        string target = Path.GetFullPath(Path.Combine(directory, relativePath));
        if (!target.StartsWith(directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"Stored key '{key}' would be written outside '{directory}'; refusing to download it.");
        return target;
    }
}
