using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Training;

namespace DistillPlatform.Services.Sampling;

/// <summary>
/// Reads distilled generators from the object store: the folder <c>generators/&lt;id&gt;/</c>, complete once its
/// <c>generator.json</c> is stored (uploaded last by the distillation service). Sampling needs only the manifest and
/// the two checkpoint files <see cref="GanSampler"/> loads, not the critic or optimizer state, so only those are
/// downloaded; the store verifies each against the SHA-256 recorded when it was written.
/// </summary>
public sealed class StoredGenerators(IArtifactStore store)
{
    private static readonly string[] SamplerFiles = [GanCheckpointFiles.Generator, GanCheckpointFiles.TrainerState];

    public static ArtifactFolder FolderOf(string generatorId) => new(GeneratorManifest.StoragePrefix, generatorId, GeneratorManifest.FileName);

    /// <summary>Downloads and reads generator <paramref name="generatorId"/>'s manifest into <paramref name="localFolder"/>.</summary>
    /// <exception cref="InvalidSamplingRequestException">The generator is not (completely) stored.</exception>
    /// <exception cref="InvalidDataException">The stored manifest is unreadable or belongs to another generator.</exception>
    public async Task<GeneratorManifest> DownloadManifestAsync(string generatorId, string localFolder, CancellationToken cancellationToken)
    {
        ArtifactFolder folder = FolderOf(generatorId);
        var manifest = await store.TryGetReferenceAsync(folder.ManifestKey, cancellationToken)
                       ?? throw new InvalidSamplingRequestException(
                           $"Generator '{generatorId}' is not in the object store ({folder.ManifestKey} is missing); distill it first with DistillGenerator.");
        await DownloadFileAsync(manifest, localFolder, GeneratorManifest.FileName, cancellationToken);
        GeneratorManifest generator = GeneratorManifest.Load(localFolder);
        if (generator.GeneratorId != generatorId)
        {
            throw new InvalidDataException(
                $"{folder.ManifestKey} describes generator '{generator.GeneratorId}', not '{generatorId}'; the stored folder is inconsistent.");
        }
        return generator;
    }

    /// <summary>Downloads the checkpoint files <see cref="GanSampler.FromCheckpoint"/> needs into <paramref name="localFolder"/>.</summary>
    public async Task DownloadSamplerFilesAsync(string generatorId, string localFolder, CancellationToken cancellationToken)
    {
        ArtifactFolder folder = FolderOf(generatorId);
        foreach (string file in SamplerFiles)
        {
            await DownloadFileAsync(await store.GetReferenceAsync(folder.KeyOf(file), cancellationToken), localFolder, file, cancellationToken);
        }
    }

    private async Task DownloadFileAsync(ArtifactRef reference, string localFolder, string file, CancellationToken cancellationToken)
    {
        // The work folder is temporary and deleted as a whole, so a failed download needs no cleanup here.
        Directory.CreateDirectory(localFolder);
        await using FileStream output = File.Create(Path.Combine(localFolder, file));
        await store.DownloadAsync(reference, output, cancellationToken);
    }
}
