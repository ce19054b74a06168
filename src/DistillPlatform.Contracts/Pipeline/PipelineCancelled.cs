namespace DistillPlatform.Contracts.Pipeline;

/// <summary>Pipeline <see cref="PipelineId"/> stopped because it was cancelled; finished stages' artifacts stay stored.</summary>
public sealed record PipelineCancelled(Guid PipelineId, string? Reason);
