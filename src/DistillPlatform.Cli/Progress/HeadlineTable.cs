using System.Globalization;
using DistillPlatform.Metrics.Reports;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DistillPlatform.Cli.Progress;

/// <summary>The pipeline report's headline: UAR per training set against the real baseline, and what the synthetic sets save.</summary>
public static class HeadlineTable
{
    public static IRenderable Render(PipelineReport report)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("results (test speakers' UAR; reductions relative to the real training set)")
            .AddColumn("training set")
            .AddColumn(new TableColumn("UAR mean ± std").RightAligned())
            .AddColumn(new TableColumn("ratio to real").RightAligned())
            .AddColumn(new TableColumn("train time reduction").RightAligned())
            .AddColumn(new TableColumn("storage reduction").RightAligned());
        foreach (var row in report.Rows)
        {
            table.AddRow(
                Markup.Escape(row.DisplayName),
                row.Uar.Format(),
                row.UarRatioToReal.ToString("F3", CultureInfo.InvariantCulture),
                Percent(row.Kind == TrainingSetKind.Real ? null : row.TrainingTimeReductionPercent),
                Percent(row.StorageReductionPercent));
        }

        return table;
    }

    private static string Percent(double? value) =>
        value is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) + " %" : "—";
}
