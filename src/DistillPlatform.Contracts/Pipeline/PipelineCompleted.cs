using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Contracts.Pipeline;

/// <summary>The pipeline report is stored: <see cref="Report"/> (JSON) and <see cref="Markdown"/> under <c>pipelines/&lt;id&gt;/</c>.</summary>
public sealed record PipelineCompleted(Guid PipelineId, ArtifactRef Report, ArtifactRef Markdown);
