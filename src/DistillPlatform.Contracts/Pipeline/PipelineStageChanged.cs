namespace DistillPlatform.Contracts.Pipeline;

/// <summary>
/// A stage of pipeline <see cref="PipelineId"/> started or ended. <see cref="Stage"/> names it, e.g. "extract-features",
/// "train-pool", "evaluate-real", "distill/+div", "sample/+div/100", "evaluate/+div/100", "report";
/// <see cref="ArtifactId"/> is what it produced (feature set, pool, generator, synthetic set or evaluation id).
/// </summary>
public sealed record PipelineStageChanged(Guid PipelineId, string Stage, PipelineStageState State, string? ArtifactId, string? Detail);
