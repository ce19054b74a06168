using DistillPlatform.Metrics.Rendering;

namespace DistillPlatform.Metrics.Reports;

/// <summary>The SVG plots of a pipeline report; <see cref="PipelineReportMarkdown"/> links to them by file name.</summary>
public static class PipelineReportPlots
{
    public const string UarVersusBudgetFileName = "uar-vs-points-per-class.svg";

    /// <summary>Budgets spanning at least this factor are drawn on a logarithmic x axis (e.g. 1, 10, 100 per class).</summary>
    private const double LogarithmicAxisFromRange = 10;

    /// <summary>The UAR plot, or nothing when the pipeline has no synthetic rows to draw.</summary>
    public static IReadOnlyList<ReportPlot> Render(PipelineReport report) =>
        report.Rows.Any(r => r.Kind == TrainingSetKind.Synthetic) ? [UarVersusBudget(report)] : [];

    /// <summary>
    /// UAR (mean, error bars = std over repeats) against points per class, one line per loss preset, with the real
    /// baseline as a dashed horizontal line and a shaded ± std band.
    /// </summary>
    public static ReportPlot UarVersusBudget(PipelineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var synthetic = report.Rows.Where(r => r.Kind == TrainingSetKind.Synthetic).ToArray();
        if (synthetic.Length == 0) throw new ArgumentException("The pipeline has no synthetic rows to plot against points per class.", nameof(report));

        var series = synthetic
            .GroupBy(r => r.LossPreset!, StringComparer.Ordinal)
            .Select(g => new LineSeries(g.Key, g.Select(r => new PlotPoint(r.PointsPerClass!.Value, r.Uar.Mean, r.Uar.StandardDeviation)).ToArray()))
            .ToArray();
        var real = report.Rows.FirstOrDefault(r => r.EvaluationId == report.RealBaselineEvaluationId)
                   ?? throw new ArgumentException(
                       $"The pipeline report has no row for its real baseline '{report.RealBaselineEvaluationId}'.", nameof(report));
        var budgets = synthetic.Select(r => (double)r.PointsPerClass!.Value).ToArray();

        const string title = "UAR vs points per class";
        var plot = new LinePlot(title, "points per class", "UAR", series,
            LogarithmicX: budgets.Max() / budgets.Min() >= LogarithmicAxisFromRange)
        {
            ReferenceLines = [new HorizontalReference("real data", real.Uar.Mean, real.Uar.StandardDeviation)],
        };
        return new ReportPlot(UarVersusBudgetFileName, title, plot.Render());
    }
}
