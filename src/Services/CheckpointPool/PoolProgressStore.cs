using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Emotion.Pool;

namespace DistillPlatform.Services.CheckpointPool;

/// <summary>
/// Makes pool training survive a crash or restart: saves each finished run to the object store (its checkpoints,
/// then an index snapshot that vouches for them) and restores the latest saved state into a fresh local folder, where
/// <see cref="CheckpointPoolTrainer"/> then skips every run whose files it finds complete.
/// <para>
/// Limitation: checkpoints are immutable in the store, so if the service died after uploading some checkpoints of a
/// run but before its snapshot, the retrained run must reproduce them byte for byte (it does: same seed, data and
/// CPU kernels); otherwise the upload fails with <see cref="ArtifactConflictException"/>.
/// </para>
/// </summary>
public sealed class PoolProgressStore(IArtifactStore store)
{
    private readonly ArtifactFolders _folders = new(store);

    /// <summary>Uploads the checkpoints of <paramref name="run"/>, then the index snapshot naming them.</summary>
    public async Task SaveRunAsync(ArtifactFolder pool, string poolDirectory, PoolRunTrained run, CancellationToken cancellationToken)
    {
        foreach (CheckpointEntry checkpoint in run.Run.Checkpoints)
            await _folders.UploadFileAsync(pool, poolDirectory, checkpoint.File, cancellationToken);
        using var snapshot = new MemoryStream(run.IndexSnapshot, writable: false);
        await store.PutAsync(pool.KeyOf(StoredPools.ProgressSnapshotPath(run.Run.Run)), snapshot, ArtifactMediaTypes.Json, cancellationToken);
    }

    /// <summary>
    /// Downloads what an earlier attempt stored of this pool into <paramref name="poolDirectory"/> and installs its
    /// latest index snapshot as the folder's index; returns the number of runs that snapshot holds (0 when none).
    /// </summary>
    public async Task<int> RestoreAsync(ArtifactFolder pool, string poolDirectory, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> files = await _folders.DownloadStoredFilesAsync(pool, poolDirectory, cancellationToken);
        // Snapshot names carry the zero-padded run number, so the ordinal last is the latest.
        string? latest = files.LastOrDefault(file => file.StartsWith(StoredPools.ProgressFolder + "/", StringComparison.Ordinal));
        if (latest is null)
            return 0;
        File.Copy(Path.Combine(poolDirectory, latest), Path.Combine(poolDirectory, CheckpointPoolIndex.FileName), overwrite: true);
        return CheckpointPoolIndex.TryRead(poolDirectory)!.Runs.Count;
    }
}
