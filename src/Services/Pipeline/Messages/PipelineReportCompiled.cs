using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Services.Pipeline.Messages;

/// <summary>The report of pipeline <see cref="PipelineId"/> is stored: report.json (<see cref="Report"/>), report.md and plots.</summary>
public sealed record PipelineReportCompiled(Guid PipelineId, ArtifactRef Report, ArtifactRef Markdown);
