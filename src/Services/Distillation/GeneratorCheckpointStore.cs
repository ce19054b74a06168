using DistillPlatform.Artifacts;
using DistillPlatform.Gan.Distillation;
using DistillPlatform.Gan.Training;

namespace DistillPlatform.Services.Distillation;

/// <summary>
/// Keeps a distillation's resumable checkpoints in the object store (<see cref="StoredGenerators.CheckpointsFolder"/>)
/// and brings the newest complete one back for a restarted or redelivered job. Each checkpoint's <c>trainer.json</c> is
/// uploaded after its other files, so a checkpoint whose upload was interrupted is never mistaken for a complete one.
/// Stored objects are write-once and the store cannot delete finished objects, so older checkpoints stay; a repeated
/// upload of the same step writes identical bytes (training is deterministic), which the store accepts as a no-op.
/// </summary>
public sealed class GeneratorCheckpointStore(IArtifactStore store)
{
    private readonly ArtifactFolders _folders = new(store);

    /// <summary>Uploads the checkpoint folder written by <see cref="GeneratorDistiller"/>, <c>trainer.json</c> last.</summary>
    public async Task UploadAsync(string generatorId, DistillationCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArtifactFolder folder = StoredGenerators.CheckpointsFolder(generatorId);
        string stepFolder = DistillationCheckpoint.FolderNameOf(checkpoint.Step);
        string parent = Path.GetDirectoryName(Path.GetFullPath(checkpoint.Directory))!;
        var files = Directory.EnumerateFiles(checkpoint.Directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name != GanCheckpointFiles.TrainerState)
            .Order(StringComparer.Ordinal)
            .Append(GanCheckpointFiles.TrainerState);
        foreach (string file in files)
            await _folders.UploadFileAsync(folder, parent, $"{stepFolder}/{file}", cancellationToken);
    }

    /// <summary>The step of the newest complete stored checkpoint, or null when there is none.</summary>
    public async Task<long?> NewestStepAsync(string generatorId, CancellationToken cancellationToken)
    {
        long? newest = null;
        await foreach (var (step, file) in StoredFilesAsync(generatorId, cancellationToken))
        {
            if (file == GanCheckpointFiles.TrainerState && step > (newest ?? -1))
                newest = step;
        }
        return newest;
    }

    /// <summary>
    /// Downloads the newest complete checkpoint into <c>&lt;localRoot&gt;/step-NNNNNN/</c>; null when none is stored.
    /// </summary>
    public async Task<DistillationCheckpoint?> DownloadNewestAsync(string generatorId, string localRoot, CancellationToken cancellationToken)
    {
        long? newest = await NewestStepAsync(generatorId, cancellationToken);
        if (newest is not { } step)
            return null;
        ArtifactFolder folder = StoredGenerators.CheckpointsFolder(generatorId);
        string directory = Path.Combine(localRoot, DistillationCheckpoint.FolderNameOf(step));
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        await foreach (var (fileStep, file) in StoredFilesAsync(generatorId, cancellationToken))
        {
            if (fileStep == step)
                files.Add(file);
        }
        foreach (string file in files)
        {
            var reference = await store.GetReferenceAsync(folder.KeyOf($"{DistillationCheckpoint.FolderNameOf(step)}/{file}"), cancellationToken);
            await using FileStream output = File.Create(Path.Combine(directory, file));
            await store.DownloadAsync(reference, output, cancellationToken);
        }
        return new DistillationCheckpoint(step, directory);
    }

    /// <summary>Every stored checkpoint file as (step, file name); keys of another shape are skipped.</summary>
    private async IAsyncEnumerable<(long Step, string File)> StoredFilesAsync(string generatorId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string prefix = StoredGenerators.CheckpointsFolder(generatorId).KeyPrefix;
        await foreach (var stored in store.ListAsync(prefix, cancellationToken))
        {
            string[] parts = stored.Key[prefix.Length..].Split('/');
            if (parts.Length == 2 && DistillationCheckpoint.StepOf(parts[0]) is { } step)
                yield return (step, parts[1]);
        }
    }
}
