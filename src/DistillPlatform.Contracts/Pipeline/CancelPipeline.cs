namespace DistillPlatform.Contracts.Pipeline;

/// <summary>Stops pipeline <see cref="PipelineId"/>: running stages are cancelled where they can be, no new stage starts.</summary>
public sealed record CancelPipeline(Guid PipelineId, string? Reason = null);
