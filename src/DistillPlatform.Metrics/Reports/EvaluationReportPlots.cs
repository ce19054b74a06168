using DistillPlatform.Metrics.Rendering;
using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Reports;

/// <summary>The SVG plots of an evaluation report; <see cref="EvaluationReportMarkdown"/> links to them by file name.</summary>
public static class EvaluationReportPlots
{
    public const string ConfusionMatrixFileName = "confusion-matrix.svg";
    public const string PerClassRecallFileName = "per-class-recall.svg";
    public const string PerClassRecallTitle = "Recall per class (mean ± std over repeats)";

    public static IReadOnlyList<ReportPlot> Render(EvaluationReport report) => [ConfusionHeatmap(report), PerClassRecall(report)];

    /// <summary>Heatmap of the confusion counts summed over repeats.</summary>
    public static ReportPlot ConfusionHeatmap(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = $"Confusion matrix, summed over {ReportFormat.Count(report.Repeats.Count, "repeat")}";
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
            var spread = MeanStd.Of(recalls);
            bars.Add(new Bar(report.Setup.LabelMap[c], spread.Mean, spread.StandardDeviation));
        }
        return new ReportPlot(PerClassRecallFileName, PerClassRecallTitle, new BarChart(PerClassRecallTitle, "recall", bars).Render());
    }
}
