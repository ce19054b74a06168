using DistillPlatform.Metrics.Classification;
using DistillPlatform.Metrics.Rendering;
using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Tests;

public class MarkdownTests
{
    [Fact]
    public void Generic_table_has_header_alignment_row_and_escaped_cells()
    {
        var table = MarkdownTable.Render(
            ["name", "value"],
            [["a|b", "1"], ["line\nbreak", "2"]],
            [ColumnAlignment.Left, ColumnAlignment.Right]);

        Assert.Equal(
            "| name | value |\n" +
            "| --- | ---: |\n" +
            "| a\\|b | 1 |\n" +
            "| line break | 2 |\n",
            table);
    }

    [Fact]
    public void Rows_with_the_wrong_number_of_cells_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => MarkdownTable.Render(["a", "b"], [["only one"]]));
        Assert.Contains("Row 1 has 1 cells but the table has 2 columns", error.Message);
    }

    [Fact]
    public void Confusion_matrix_table_lists_true_classes_down_and_predictions_across()
    {
        var confusion = ConfusionMatrix.FromCounts(["sad", "angry"], new[,] { { 5, 1 }, { 2, 7 } });

        Assert.Equal(
            "| true \\\\ predicted | sad | angry |\n" +
            "| --- | ---: | ---: |\n" +
            "| sad | 5 | 1 |\n" +
            "| angry | 2 | 7 |\n",
            MetricsMarkdown.ConfusionMatrix(confusion));
    }

    [Fact]
    public void Per_class_table_shows_metrics_and_names_classes_without_examples()
    {
        // sad: recall 3/4, precision 3/3; angry: recall 0/0 (no examples), predicted once (wrongly).
        var report = ClassificationReport.Compute(["sad", "angry"], [0, 0, 0, 0], [0, 0, 0, 1]);

        var table = MetricsMarkdown.PerClassTable(report, decimals: 2);

        Assert.Contains("| sad | 4 | 3 | 0.75 | 1.00 | 0.86 |", table);
        Assert.Contains("| angry | 0 | 1 | n/a | 0.00 | n/a |", table);
        Assert.Contains("| **UAR** | 4 |  | 0.75 |  |  |", table);
        Assert.Contains("left out of UAR and macro-F1): angry", table);
    }

    [Fact]
    public void Uar_with_interval_reads_naturally()
    {
        var line = MetricsMarkdown.UarWithInterval(new ConfidenceInterval(0.7123, 0.68, 0.744, 0.95, 1000));
        Assert.Equal("UAR 0.712 (95% CI 0.680–0.744)", line);
    }

    [Fact]
    public void McNemar_summary_names_the_method_counts_and_p_value()
    {
        Assert.Equal("McNemar (exact binomial): b = 3, c = 10, p = 0.0923",
            MetricsMarkdown.McNemarSummary(McNemarTest.FromDiscordantCounts(3, 10)));
        // (|40 - 20| - 1)^2 / 60 = 6.0167, p = erfc(sqrt(6.0167 / 2)) = 0.01417.
        Assert.Equal("McNemar (χ² = 6.017, continuity-corrected): b = 40, c = 20, p = 0.0142",
            MetricsMarkdown.McNemarSummary(McNemarTest.FromDiscordantCounts(40, 20)));
    }
}
