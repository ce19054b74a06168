namespace DistillPlatform.Cli.Progress;

/// <summary>How a pipeline ended.</summary>
public abstract record PipelineOutcome
{
    /// <summary>The report is stored under <c>pipelines/&lt;id&gt;/</c>; <see cref="ReportUri"/> is its report.json when known.</summary>
    public sealed record Completed(string? ReportUri) : PipelineOutcome;

    public sealed record Failed(string Stage, string Reason) : PipelineOutcome;

    public sealed record Cancelled(string? Reason) : PipelineOutcome;
}
