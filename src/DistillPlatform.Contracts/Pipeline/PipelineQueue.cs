namespace DistillPlatform.Contracts.Pipeline;

/// <summary>The queue the pipeline service reads <see cref="RunDistillationPipeline"/> commands from.</summary>
public static class PipelineQueue
{
    public const string Name = "run-distillation-pipeline";

    public static Uri Address { get; } = new($"queue:{Name}");
}
