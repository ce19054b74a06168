namespace DistillPlatform.Metrics.Reports;

/// <summary>
/// The paper's comparison in one artifact: the real-data baseline and synthetic training sets at several
/// points-per-class budgets and loss presets (the ablation rows), all tested on the same real test set.
/// Built from full <see cref="EvaluationReport"/>s by <see cref="PipelineReportBuilder"/>; each row keeps the summary
/// and the id of the evaluation that holds the details.
/// </summary>
/// <param name="RealBaselineEvaluationId">Evaluation id of the real-data row every ratio and reduction refers to.</param>
/// <param name="Rows">The real baseline first, then the synthetic rows grouped by loss preset (first-seen order), by budget.</param>
/// <param name="Reproduction">Exact configuration and artifact ids needed to rerun the pipeline, as given by the caller.</param>
public sealed record PipelineReport(
    int FormatVersion,
    string PipelineId,
    DateTimeOffset CreatedAt,
    string TestSetId,
    string RealBaselineEvaluationId,
    IReadOnlyList<PipelineRow> Rows,
    IReadOnlyDictionary<string, string> Reproduction)
{
    public const int CurrentFormatVersion = 1;
}
