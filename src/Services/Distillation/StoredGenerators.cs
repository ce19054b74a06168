using DistillPlatform.Artifacts;
using DistillPlatform.Emotion.Pool;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Training;

namespace DistillPlatform.Services.Distillation;

/// <summary>
/// Where the service's inputs and outputs live in the object store. A finished generator is the folder
/// <c>generators/&lt;id&gt;/</c> (checkpoint files, <c>curves.csv</c>, and <c>generator.json</c> uploaded last). While it
/// trains, resumable checkpoints go to <c>generator-checkpoints/&lt;id&gt;/step-NNNNNN/</c>, each complete once its
/// <c>trainer.json</c> (uploaded last) is stored. They live outside the generator folder so that downloading a
/// generator (for sampling) never drags its training history along.
/// </summary>
public static class StoredGenerators
{
    public const string CheckpointPrefix = "generator-checkpoints";

    public static ArtifactFolder GeneratorFolder(string generatorId) => new(GeneratorManifest.StoragePrefix, generatorId, GeneratorManifest.FileName);

    /// <summary>All checkpoints of a generator; a file's path inside it is <c>step-NNNNNN/&lt;file&gt;</c>.</summary>
    public static ArtifactFolder CheckpointsFolder(string generatorId) => new(CheckpointPrefix, generatorId, GanCheckpointFiles.TrainerState);

    public static ArtifactFolder FeatureSetFolder(string featureSetId) => new(FeatureSetLayout.StoragePrefix, featureSetId, FeatureSetLayout.ManifestFileName);

    public static ArtifactFolder PoolFolder(string poolId) => new("pools", poolId, CheckpointPoolIndex.FileName);
}
