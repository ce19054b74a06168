namespace DistillPlatform.Contracts.Pipeline;

/// <summary>Request (request/response) for the state of pipeline <see cref="PipelineId"/>: answered by <see cref="PipelineStatus"/> or <see cref="PipelineNotFound"/>.</summary>
public sealed record GetPipelineStatus(Guid PipelineId);
