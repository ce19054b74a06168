namespace DistillPlatform.Services.Pipeline.Messages;

/// <summary>
/// Internal to the pipeline service (queue <see cref="PipelineEndpoints.CompileReport"/>): build the pipeline report
/// from the stored evaluations and store it under <c>pipelines/&lt;PipelineId&gt;/</c>. Answered by
/// <see cref="PipelineReportCompiled"/>.
/// </summary>
/// <param name="Reproduction">Configuration and artifact ids recorded in the report's reproduction section.</param>
public sealed record CompilePipelineReport(
    Guid PipelineId,
    string RealEvaluationId,
    IReadOnlyList<string> SyntheticEvaluationIds,
    IReadOnlyDictionary<string, string> Reproduction);
