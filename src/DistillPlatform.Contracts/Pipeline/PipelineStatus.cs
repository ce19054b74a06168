namespace DistillPlatform.Contracts.Pipeline;

/// <summary>Where pipeline <see cref="PipelineId"/> stands: its overall <see cref="State"/> and every stage in order.</summary>
/// <param name="State">"running", "completed", "failed" or "cancelled".</param>
public sealed record PipelineStatus(
    Guid PipelineId,
    string State,
    IReadOnlyList<PipelineStageStatus> Stages,
    DateTimeOffset StartedAt,
    DateTimeOffset UpdatedAt,
    string? ReportUri);

/// <summary>One stage in a <see cref="PipelineStatus"/>.</summary>
public sealed record PipelineStageStatus(string Stage, PipelineStageState State, string? ArtifactId, string? Detail);

/// <summary>No pipeline with <see cref="PipelineId"/> has been started.</summary>
public sealed record PipelineNotFound(Guid PipelineId);
