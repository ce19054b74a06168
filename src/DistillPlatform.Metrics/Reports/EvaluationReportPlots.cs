using DistillPlatform.Metrics.Rendering;

namespace DistillPlatform.Metrics.Reports;

/// <summary>The SVG plots of an evaluation report; <see cref="EvaluationReportMarkdown"/> links to them by file name.</summary>
public static class EvaluationReportPlots
{
    public const string ConfusionMatrixFileName = "confusion-matrix.svg";
    public const string PerClassRecallFileName = "per-class-recall.svg";

    public static IReadOnlyList<ReportPlot> Render(EvaluationReport report) => [ConfusionHeatmap(report), PerClassRecall(report)];

    /// <summary>Heatmap of the confusion counts summed over repeats.</summary>
    public static ReportPlot ConfusionHeatmap(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = $"Confusion matrix, summed over {report.Repeats.Count} repeats";
        var confusion = ConfusionCounts.ToMatrix(report.Setup.LabelMap, report.Aggregate.SummedConfusion);
        return new ReportPlot(ConfusionMatrixFileName, title, ConfusionMatrixHeatmap.Render(confusion, title));
    }

    /// <summary>Mean recall per class with ± std over repeats; classes without test examples are left out.</summary>
    public static ReportPlot PerClassRecall(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var bars = new List<Bar>();
        for (var c = 0; c < report.Setup.LabelMap.Count; c++)
        {
            if (report.Aggregate.PerClassRecallMean[c] is null) continue;
            var recalls = report.Repeats.Select(r => r.PerClassRecall[c]!.Value);
            var spread = Statistics.MeanStd.Of(recalls);
            bars.Add(new Bar(report.Setup.LabelMap[c], spread.Mean, spread.StandardDeviation));
        }
        const string title = "Recall per class (mean ± std over repeats)";
        return new ReportPlot(PerClassRecallFileName, title, new BarChart(title, "recall", bars).Render());
    }
}
