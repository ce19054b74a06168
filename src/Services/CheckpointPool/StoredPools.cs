using System.Globalization;
using DistillPlatform.Artifacts;
using DistillPlatform.Emotion.Pool;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Services.CheckpointPool;

/// <summary>
/// Where the service's inputs and outputs live in the object store. A pool is the folder <c>pools/&lt;id&gt;/</c>:
/// its checkpoint files and, once complete, <c>index.json</c> (uploaded last). While a pool trains, each finished run's
/// checkpoints are uploaded at once, followed by <c>progress/index-runNNN.json</c>, the trainer's index as it stood
/// after that run; a restarted service downloads the latest one with the checkpoints and resumes from there.
/// </summary>
public static class StoredPools
{
    public const string PoolPrefix = "pools";
    public const string ProgressFolder = "progress";

    public static ArtifactFolder PoolFolder(string poolId) => new(PoolPrefix, poolId, CheckpointPoolIndex.FileName);

    public static ArtifactFolder FeatureSetFolder(string featureSetId) => new(FeatureSetLayout.StoragePrefix, featureSetId, FeatureSetLayout.ManifestFileName);

    /// <summary>Path, inside the pool folder, of the index snapshot taken once run <paramref name="run"/> was complete.</summary>
    public static string ProgressSnapshotPath(int run) =>
        string.Create(CultureInfo.InvariantCulture, $"{ProgressFolder}/index-run{run:D3}.json");
}
