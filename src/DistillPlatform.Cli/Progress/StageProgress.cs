using DistillPlatform.Contracts.Pipeline;

namespace DistillPlatform.Cli.Progress;

/// <summary>
/// One row of the live view: a pipeline stage, where it stands and, while a service reports progress for it, how far
/// it is (<see cref="Fraction"/> in [0, 1]), a short description of that progress and the service's time estimate.
/// </summary>
public sealed record StageProgress(
    string Stage,
    PipelineStageState State,
    string? ArtifactId,
    string? Detail,
    double? Fraction,
    string? ProgressText,
    TimeSpan? EstimatedRemaining,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    /// <summary>How long the stage ran (until now while it runs); null before it started.</summary>
    public TimeSpan? Elapsed(DateTimeOffset now) => StartedAt is { } start ? (EndedAt ?? now) - start : null;
}
