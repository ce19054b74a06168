namespace DistillPlatform.Contracts.Pipeline;

/// <summary>Where one stage of a pipeline stands.</summary>
public enum PipelineStageState
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}
