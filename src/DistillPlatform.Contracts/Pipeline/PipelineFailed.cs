namespace DistillPlatform.Contracts.Pipeline;

/// <summary>Stage <see cref="Stage"/> of pipeline <see cref="PipelineId"/> failed for <see cref="Reason"/>; later stages did not run.</summary>
public sealed record PipelineFailed(Guid PipelineId, string Stage, string Reason);
