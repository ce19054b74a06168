using System.Globalization;
using DistillPlatform.Metrics.Classification;
using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Rendering;

/// <summary>Markdown views of evaluation results, for reports and docs.</summary>
public static class MetricsMarkdown
{
    /// <summary>Confusion matrix with true classes as rows and predicted classes as columns.</summary>
    public static string ConfusionMatrix(ConfusionMatrix confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        var headers = new List<string> { "true \\ predicted" };
        headers.AddRange(confusion.ClassNames);
        var rows = Enumerable.Range(0, confusion.ClassCount).Select(t =>
        {
            var row = new List<string> { confusion.ClassNames[t] };
            row.AddRange(Enumerable.Range(0, confusion.ClassCount).Select(p => confusion[t, p].ToString(CultureInfo.InvariantCulture)));
            return (IReadOnlyList<string>)row;
        });
        var alignments = new[] { ColumnAlignment.Left }.Concat(Enumerable.Repeat(ColumnAlignment.Right, confusion.ClassCount)).ToArray();
        return MarkdownTable.Render(headers, rows, alignments);
    }

    /// <summary>One row per class (support, predicted, recall, precision, F1), then the summary metrics.</summary>
    public static string PerClassTable(ClassificationReport report, int decimals = 3)
    {
        ArgumentNullException.ThrowIfNull(report);
        string Number(double? value) => value is { } v ? v.ToString("F" + decimals, CultureInfo.InvariantCulture) : "n/a";

        var rows = report.PerClass.Select(m => (IReadOnlyList<string>)new[]
        {
            m.Name,
            m.Support.ToString(CultureInfo.InvariantCulture),
            m.PredictedCount.ToString(CultureInfo.InvariantCulture),
            Number(m.Recall),
            Number(m.Precision),
            Number(m.F1),
        }).ToList();
        var total = report.Confusion.Total.ToString(CultureInfo.InvariantCulture);
        // Summary rows: UAR is the mean recall, macro-F1 the mean F1, accuracy the support-weighted recall.
        rows.Add(["**UAR**", total, "", Number(report.Uar), "", ""]);
        rows.Add(["**macro-F1**", total, "", "", "", Number(report.MacroF1)]);
        rows.Add(["**accuracy**", total, "", Number(report.WeightedAccuracy), "", ""]);

        var table = MarkdownTable.Render(
            ["class", "support", "predicted", "recall", "precision", "F1"],
            rows,
            [ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right]);
        return report.ClassesWithoutTestExamples.Count == 0
            ? table
            : table + $"\nClasses without test examples (left out of UAR and macro-F1): {string.Join(", ", report.ClassesWithoutTestExamples)}\n";
    }

    /// <summary>One line, e.g. "UAR 0.712 (95% CI 0.680–0.744)".</summary>
    public static string UarWithInterval(ConfidenceInterval interval, int decimals = 3)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var f = "F" + decimals;
        var level = (interval.Level * 100).ToString("0.#", CultureInfo.InvariantCulture);
        return $"UAR {interval.Estimate.ToString(f, CultureInfo.InvariantCulture)} ({level}% CI " +
               $"{interval.Lower.ToString(f, CultureInfo.InvariantCulture)}–{interval.Upper.ToString(f, CultureInfo.InvariantCulture)})";
    }

    /// <summary>One line, e.g. "McNemar (exact binomial): b = 3, c = 10, p = 0.0923".</summary>
    public static string McNemarSummary(McNemarResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var method = result.Method == McNemarMethod.ExactBinomial
            ? "exact binomial"
            : $"χ² = {result.Statistic.ToString("F3", CultureInfo.InvariantCulture)}, continuity-corrected";
        return $"McNemar ({method}): b = {result.OnlyFirstCorrect}, c = {result.OnlySecondCorrect}, " +
               $"p = {result.PValue.ToString("G3", CultureInfo.InvariantCulture)}";
    }
}
