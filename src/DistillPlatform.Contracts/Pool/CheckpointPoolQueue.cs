namespace DistillPlatform.Contracts.Pool;

/// <summary>The queue the checkpoint pool service reads <see cref="TrainCheckpointPool"/> commands from.</summary>
public static class CheckpointPoolQueue
{
    public const string Name = "train-checkpoint-pool";

    public static Uri Address { get; } = new($"queue:{Name}");
}
