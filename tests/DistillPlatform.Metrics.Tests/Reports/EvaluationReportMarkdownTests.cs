using System.Xml.Linq;
using DistillPlatform.Metrics.Reports;
using static DistillPlatform.Metrics.Tests.Reports.ReportFixtures;

namespace DistillPlatform.Metrics.Tests.Reports;

public class EvaluationReportMarkdownTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    /// <summary>Repeats A, B, C (wall times 10/20/30 s) compared with a real baseline whose single repeat is C.</summary>
    private static EvaluationReport FullReport() =>
        new EvaluationReportBuilder(SyntheticSetup("eval-syn", "+div+sml", 10), Truth) { BootstrapResamples = 200 }
            .AddRepeat(Repeat(1, PredictionsA, 10, 12, 8))
            .AddRepeat(Repeat(2, PredictionsB, 20, 15, 10))
            .AddRepeat(Repeat(3, PredictionsC, 30, 9, 6))
            .CompareWith(Evaluation(RealSetup(), 100, PredictionsC))
            .WithStorage(new StorageFootprint(1_000_000, 200_000, 10_000, 50_000))
            .WithSpeakerProbe(SpeakerProbeResult.WithUniformChance(0.25, 10))
            .Build(CreatedAt);

    [Fact]
    public void Headline_and_identity_show_mean_std_and_the_interval_source()
    {
        var markdown = EvaluationReportMarkdown.Render(FullReport());

        Assert.StartsWith("# Evaluation `eval-syn`\n", markdown);
        Assert.Contains("synthetic `synthetic-+div+sml-10`, 10 per class (30 examples), generator `gan-+div+sml`, loss preset `+div+sml`", markdown);
        Assert.Contains("- Repeats: 3 (seeds 1, 2, 3)", markdown);
        // UAR mean 43/54 = 0.796, std √111 / 54 = 0.195; accuracy mean 0.7917, std 0.1909.
        Assert.Contains("| UAR | 0.796 ± 0.195 | ", markdown);
        Assert.Contains("| weighted accuracy | 0.792 ± 0.191 | n/a |", markdown);
        Assert.Contains("of repeat 0 (seed 1), the median-UAR repeat, whose UAR is 0.778", markdown);
    }

    [Fact]
    public void Per_class_and_confusion_tables_hold_the_hand_computed_values()
    {
        var markdown = EvaluationReportMarkdown.Render(FullReport());

        Assert.Contains("| class | test support | mean recall | seed 1 | seed 2 | seed 3 |", markdown);
        Assert.Contains("| anger | 3 | 0.667 | 0.667 | 0.333 | 1.000 |", markdown);
        Assert.Contains("| happy | 2 | 0.833 | 1.000 | 0.500 | 1.000 |", markdown);
        Assert.Contains("| true \\\\ predicted | anger | happy | sad |", markdown); // the table escapes '\\' 
        Assert.Contains("| anger | 6 | 3 | 0 |", markdown);
        Assert.Contains("| sad | 1 | 0 | 8 |", markdown);
        Assert.Contains("![Confusion matrix](confusion-matrix.svg)", markdown);
        Assert.Contains("(per-class-recall.svg)", markdown);
    }

    [Fact]
    public void Comparison_cost_and_probe_sections_show_their_numbers()
    {
        var markdown = EvaluationReportMarkdown.Render(FullReport());

        // Median repeat A against the reference's all-correct C: only C right at positions 2 and 7.
        Assert.Contains("Against `eval-real`", markdown);
        Assert.Contains("McNemar (exact binomial): b = 0, c = 2, p = 0.5", markdown);
        Assert.Contains("| training wall time | 20.0 ± 10.0 s |", markdown);
        Assert.Contains("| epochs trained | 12.0 ± 3.0 |", markdown);
        Assert.Contains("| source audio | 976.56 KiB (1000000 B) |", markdown);
        Assert.Contains("| training set | 9.77 KiB (10000 B) | 95.0 % | 99.0 % |", markdown);
        Assert.Contains("| generator | 48.83 KiB (50000 B) | 75.0 % | 95.0 % |", markdown);
        Assert.Contains("speaker-ID accuracy 0.250 over 10 speakers (chance 0.100)", markdown);
        Assert.Contains("| type | linear |", markdown);
    }

    [Fact]
    public void Sections_without_data_say_so()
    {
        var markdown = EvaluationReportMarkdown.Render(Evaluation(RealSetup(), 10, PredictionsA));

        Assert.Contains("No reference evaluation was named.", markdown);
        Assert.Contains("Storage was not measured.", markdown);
        Assert.Contains("## Speaker-identity probe\n\nNot probed.", markdown);
        Assert.Contains("real `features-emodb-train` (150 examples)", markdown);
    }

    [Fact]
    public void Plots_are_valid_svg_with_the_summed_counts_and_one_bar_per_class()
    {
        var plots = EvaluationReportPlots.Render(FullReport());

        Assert.Equal(["confusion-matrix.svg", "per-class-recall.svg"], plots.Select(p => p.FileName));
        var heatmap = XDocument.Parse(plots[0].Svg).Root!;
        Assert.Equal(SvgNs + "svg", heatmap.Name);
        var texts = heatmap.Descendants(SvgNs + "text").Select(t => t.Value).ToArray();
        foreach (var count in new[] { "6", "3", "5", "8" }) Assert.Contains(count, texts);
        Assert.Contains("Confusion matrix, summed over 3 repeats", texts);

        var bars = XDocument.Parse(plots[1].Svg).Root!.Descendants(SvgNs + "g").Where(g => (string?)g.Attribute("class") == "bar").ToArray();
        Assert.Equal(Labels, bars.Select(b => b.Attribute("data-label")!.Value));
    }
}
