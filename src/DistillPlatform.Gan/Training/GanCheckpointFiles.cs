namespace DistillPlatform.Gan.Training;

/// <summary>File names inside a checkpoint folder written by <see cref="GanTrainer.SaveCheckpoint"/>.</summary>
public static class GanCheckpointFiles
{
    public const string Generator = "generator.safetensors";
    public const string Critic = "critic.safetensors";
    public const string GeneratorOptimizer = "generator-optimizer.safetensors";
    public const string CriticOptimizer = "critic-optimizer.safetensors";
    public const string TrainerState = GanTrainingState.FileName;
}
