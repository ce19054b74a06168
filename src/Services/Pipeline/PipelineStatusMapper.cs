using DistillPlatform.Contracts.Pipeline;

namespace DistillPlatform.Services.Pipeline;

/// <summary>Answers GetPipelineStatus from a pipeline's saga state.</summary>
public static class PipelineStatusMapper
{
    public static PipelineStatus ToStatus(PipelineState pipeline) => new(
        pipeline.CorrelationId,
        pipeline.CurrentState.ToLowerInvariant(),
        pipeline.Stages.Select(stage => new PipelineStageStatus(stage.Name, stage.State, stage.ArtifactId, stage.Detail)).ToList(),
        pipeline.StartedAt,
        pipeline.UpdatedAt,
        pipeline.ReportUri);
}
