using System.Text;
using DistillPlatform.Metrics.Rendering;
using static DistillPlatform.Metrics.Reports.ReportFormat;

namespace DistillPlatform.Metrics.Reports;

/// <summary>report.md of a pipeline: the paper's comparison table, the budget plot, and how to reproduce it.</summary>
public static class PipelineReportMarkdown
{
    public static string Render(PipelineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append($"# Pipeline `{report.PipelineId}`\n\n");
        md.Append($"- Test set: `{report.TestSetId}`\n");
        md.Append($"- Real-data baseline: `{report.RealBaselineEvaluationId}`\n");
        md.Append($"- Created: {report.CreatedAt:yyyy-MM-dd HH:mm:ss zzz}\n\n");

        AppendHeadline(md, report);
        if (report.Rows.Any(r => r.Kind == TrainingSetKind.Synthetic))
        {
            md.Append($"![UAR vs points per class]({PipelineReportPlots.UarVersusBudgetFileName})\n\n");
        }
        AppendReproduction(md, report);
        return md.ToString();
    }

    private static void AppendHeadline(StringBuilder md, PipelineReport report)
    {
        var level = report.Rows.Count > 0 ? Level(report.Rows[0].UarInterval.Level) : "95%";
        var rows = report.Rows.Select(row => (IReadOnlyList<string>)new[]
        {
            row.DisplayName,
            row.Uar.Format(),
            Interval(row.UarInterval),
            Number(row.UarRatioToReal),
            row.McNemarVsReal is { } m ? PValue(m.PValue) : "—",
            Percent(row.TrainingTimeReductionPercent),
            Percent(row.StorageReductionPercent),
            row.SpeakerProbe is { } probe ? $"{Number(probe.Accuracy)} (chance {Number(probe.ChanceLevel)})" : NotAvailable,
        });
        md.Append("## Results\n\n");
        md.Append(MarkdownTable.Render(
            ["training set", "UAR mean ± std", $"UAR {level} CI", "ratio to real", "McNemar p vs real",
             "train time reduction", "storage reduction", "speaker-ID acc"],
            rows,
            [ColumnAlignment.Left, .. Enumerable.Repeat(ColumnAlignment.Right, 7)]));
        md.Append("\nUAR ± std is over repeats (seeds); the CI is a bootstrap over test examples of each evaluation's median repeat. " +
                  "McNemar compares median repeats on the same test set. Reductions are relative to the real baseline's mean training " +
                  "time and to the real feature set's bytes.\n\n");
    }

    private static void AppendReproduction(StringBuilder md, PipelineReport report)
    {
        md.Append("## Reproduction\n\n");
        md.Append(MarkdownTable.Render(
            ["training set", "evaluation id", "training set artifact", "generator", "loss preset", "points per class"],
            report.Rows.Select(row => (IReadOnlyList<string>)new[]
            {
                row.DisplayName, row.EvaluationId, row.TrainingSetArtifactId, row.GeneratorId ?? "—", row.LossPreset ?? "—",
                row.PointsPerClass is { } budget ? Integer(budget) : "—",
            })));
        md.Append('\n');
        EvaluationReportMarkdown.AppendConfiguration(md, "Configuration", report.Reproduction);
    }
}
