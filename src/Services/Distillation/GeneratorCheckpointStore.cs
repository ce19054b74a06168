using DistillPlatform.Artifacts;
using DistillPlatform.Gan.Distillation;
using DistillPlatform.Gan.Training;

namespace DistillPlatform.Services.Distillation;

/// <summary>
/// Keeps a distillation's resumable checkpoints in the object store (<see cref="StoredGenerators.CheckpointsFolder"/>)
/// and brings the newest complete one back for a restarted or redelivered job. Each checkpoint's <c>trainer.json</c> is
/// uploaded after its other files, so a checkpoint whose upload was interrupted is never mistaken for a complete one.
/// <para>
/// Checkpoints are scratch data that only this service reads back, so they are pruned: after each upload only the
/// newest <see cref="KeptCheckpoints"/> complete step folders of the job stay (older ones are deleted only once the new
/// one is complete, so a job always has one to resume from), and <see cref="DeleteAllAsync"/> removes them all once the
/// generator is stored. A repeated upload of the same step writes identical bytes (training is deterministic), which
/// the store accepts as a no-op.
/// </para>
/// </summary>
public sealed class GeneratorCheckpointStore
{
    /// <summary>The newest and the one before it: should the newest turn out unreadable, the job still resumes from the other.</summary>
    public const int DefaultKeptCheckpoints = 2;

    private readonly IArtifactStore _store;
    private readonly ArtifactFolders _folders;

    /// <param name="keptCheckpoints">Complete checkpoints kept per job; at least 1.</param>
    public GeneratorCheckpointStore(IArtifactStore store, int keptCheckpoints = DefaultKeptCheckpoints)
    {
        if (keptCheckpoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(keptCheckpoints), keptCheckpoints,
                $"Keeping {keptCheckpoints} checkpoints per distillation would leave a stopped job nothing to resume from; keep 1 or more.");
        }
        _store = store;
        _folders = new ArtifactFolders(store);
        KeptCheckpoints = keptCheckpoints;
    }

    /// <summary>How many complete checkpoints of a job stay stored while it trains.</summary>
    public int KeptCheckpoints { get; }

    /// <summary>
    /// Uploads the checkpoint folder written by <see cref="GeneratorDistiller"/>, <c>trainer.json</c> last, then prunes
    /// the job's older checkpoints (<see cref="PruneAsync"/>); returns the steps pruned.
    /// </summary>
    public async Task<IReadOnlyList<long>> UploadAsync(string generatorId, DistillationCheckpoint checkpoint, CancellationToken cancellationToken)
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
        return await PruneAsync(generatorId, cancellationToken);
    }

    /// <summary>
    /// Deletes every step folder of the job older than its <see cref="KeptCheckpoints"/> newest complete checkpoints,
    /// including leftovers of interrupted uploads among them; returns the steps deleted. Folders newer than the oldest
    /// kept checkpoint stay even when incomplete: one may be an upload still in progress.
    /// </summary>
    public async Task<IReadOnlyList<long>> PruneAsync(string generatorId, CancellationToken cancellationToken)
    {
        var stored = await StoredStepsAsync(generatorId, cancellationToken);
        var kept = stored.Where(step => step.Complete).Select(step => step.Step).OrderDescending().Take(KeptCheckpoints).ToList();
        if (kept.Count < KeptCheckpoints)
            return [];
        long oldestKept = kept[^1];
        var deleted = stored.Select(step => step.Step).Where(step => step < oldestKept).Order().ToList();
        ArtifactFolder folder = StoredGenerators.CheckpointsFolder(generatorId);
        foreach (long step in deleted)
        {
            string stepFolder = DistillationCheckpoint.FolderNameOf(step);
            // The completion marker goes first: should the deletion stop halfway, what is left is an incomplete
            // folder (ignored, and deleted by the next pruning), never one that looks complete but lacks files.
            await _store.DeleteAsync(folder.KeyOf($"{stepFolder}/{GanCheckpointFiles.TrainerState}"), cancellationToken);
            await _store.DeletePrefixAsync(folder.KeyOf(stepFolder) + "/", cancellationToken);
        }
        return deleted;
    }

    /// <summary>Deletes every stored checkpoint of the job (once its generator is stored they are never read again).</summary>
    public Task<int> DeleteAllAsync(string generatorId, CancellationToken cancellationToken) =>
        _store.DeletePrefixAsync(StoredGenerators.CheckpointsFolder(generatorId).KeyPrefix, cancellationToken);

    /// <summary>The steps with stored checkpoint files, oldest first, and whether each is complete.</summary>
    public async Task<IReadOnlyList<(long Step, bool Complete)>> StoredStepsAsync(string generatorId, CancellationToken cancellationToken) =>
        (await StoredFilesByStepAsync(generatorId, cancellationToken)).Select(pair => (pair.Key, IsComplete(pair.Value))).ToList();

    /// <summary>The step of the newest complete stored checkpoint, or null when there is none.</summary>
    public async Task<long?> NewestStepAsync(string generatorId, CancellationToken cancellationToken) =>
        NewestComplete(await StoredFilesByStepAsync(generatorId, cancellationToken))?.Step;

    /// <summary>
    /// Downloads the newest complete checkpoint into <c>&lt;localRoot&gt;/step-NNNNNN/</c>; null when none is stored.
    /// </summary>
    public async Task<DistillationCheckpoint?> DownloadNewestAsync(string generatorId, string localRoot, CancellationToken cancellationToken)
    {
        if (NewestComplete(await StoredFilesByStepAsync(generatorId, cancellationToken)) is not { } newest)
            return null;
        var (step, files) = newest;
        ArtifactFolder folder = StoredGenerators.CheckpointsFolder(generatorId);
        string directory = Path.Combine(localRoot, DistillationCheckpoint.FolderNameOf(step));
        Directory.CreateDirectory(directory);
        foreach (string file in files)
        {
            var reference = await _store.GetReferenceAsync(folder.KeyOf($"{DistillationCheckpoint.FolderNameOf(step)}/{file}"), cancellationToken);
            await using FileStream output = File.Create(Path.Combine(directory, file));
            await _store.DownloadAsync(reference, output, cancellationToken);
        }
        return new DistillationCheckpoint(step, directory);
    }

    private static bool IsComplete(IReadOnlyList<string> files) => files.Contains(GanCheckpointFiles.TrainerState);

    private static (long Step, IReadOnlyList<string> Files)? NewestComplete(SortedDictionary<long, List<string>> filesByStep) =>
        filesByStep.Reverse().Where(pair => IsComplete(pair.Value))
            .Select(pair => ((long Step, IReadOnlyList<string> Files)?)(pair.Key, pair.Value)).FirstOrDefault();

    /// <summary>The stored checkpoint files of the job by step, from one listing of its folder (oldest step first).</summary>
    private async Task<SortedDictionary<long, List<string>>> StoredFilesByStepAsync(string generatorId, CancellationToken cancellationToken)
    {
        var filesByStep = new SortedDictionary<long, List<string>>();
        await foreach (var (step, file) in StoredFilesAsync(generatorId, cancellationToken))
        {
            if (!filesByStep.TryGetValue(step, out var files))
                filesByStep[step] = files = [];
            files.Add(file);
        }
        return filesByStep;
    }

    /// <summary>Every stored checkpoint file as (step, file name); keys of another shape are skipped.</summary>
    private async IAsyncEnumerable<(long Step, string File)> StoredFilesAsync(string generatorId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string prefix = StoredGenerators.CheckpointsFolder(generatorId).KeyPrefix;
        await foreach (var stored in _store.ListAsync(prefix, cancellationToken))
        {
            string[] parts = stored.Key[prefix.Length..].Split('/');
            if (parts.Length == 2 && DistillationCheckpoint.StepOf(parts[0]) is { } step)
                yield return (step, parts[1]);
        }
    }
}
