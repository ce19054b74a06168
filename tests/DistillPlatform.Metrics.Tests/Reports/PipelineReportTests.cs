using System.Globalization;
using System.Xml.Linq;
using DistillPlatform.Metrics.Reports;
using static DistillPlatform.Metrics.Tests.Reports.ReportFixtures;

namespace DistillPlatform.Metrics.Tests.Reports;

public class PipelineReportTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    private static EvaluationReport WithExtras(EvaluationSetup setup, double wallTimeSeconds, long trainingSetBytes, SpeakerProbeResult? probe, params int[][] predictions)
    {
        var builder = new EvaluationReportBuilder(setup, Truth) { BootstrapResamples = 200 };
        for (var i = 0; i < predictions.Length; i++) builder.AddRepeat(Repeat(i + 1, predictions[i], wallTimeSeconds));
        builder.WithStorage(new StorageFootprint(1_000_000, 200_000, trainingSetBytes, setup.TrainingSet.Kind == TrainingSetKind.Synthetic ? 50_000 : null));
        if (probe is not null) builder.WithSpeakerProbe(probe);
        return builder.Build(CreatedAt);
    }

    /// <summary>
    /// Real baseline: repeats C, A (mean UAR 8/9, median repeat A), 100 s. Synthetic, passed in this order:
    /// +div+sml/10: A, 20 s; baseline/10: A and C, 25 s; baseline/1: B, 10 s; +div+sml/1: C, 5 s.
    /// </summary>
    internal static PipelineReport SmallPipeline()
    {
        var real = WithExtras(RealSetup(), 100, 200_000, SpeakerProbeResult.WithUniformChance(0.6, 10), PredictionsC, PredictionsA);
        EvaluationReport[] synthetic =
        [
            WithExtras(SyntheticSetup("eval-divsml-10", "+div+sml", 10), 20, 10_000, null, PredictionsA),
            WithExtras(SyntheticSetup("eval-baseline-10", "baseline", 10), 25, 10_000, null, PredictionsA, PredictionsC),
            WithExtras(SyntheticSetup("eval-baseline-1", "baseline", 1), 10, 1_000, null, PredictionsB),
            WithExtras(SyntheticSetup("eval-divsml-1", "+div+sml", 1), 5, 10_000, SpeakerProbeResult.WithUniformChance(0.1, 10), PredictionsC),
        ];
        var reproduction = new Dictionary<string, string> { ["corpus"] = "emodb", ["featureEncoder"] = "logmel-80-25ms-10ms", ["gitCommit"] = "abc123" };
        return PipelineReportBuilder.Build("pipeline-1", real, synthetic, reproduction, CreatedAt);
    }

    [Fact]
    public void Rows_are_baseline_first_then_presets_in_first_seen_order_by_budget()
    {
        var report = SmallPipeline();

        Assert.Equal(["eval-real", "eval-divsml-1", "eval-divsml-10", "eval-baseline-1", "eval-baseline-10"], report.Rows.Select(r => r.EvaluationId));
        Assert.Equal("eval-real", report.RealBaselineEvaluationId);
        Assert.Equal("features-emodb-test", report.TestSetId);
        Assert.Equal("synthetic +div+sml, 1 per class", report.Rows[1].DisplayName);
    }

    [Fact]
    public void Ratios_reductions_and_significance_are_relative_to_the_real_baseline()
    {
        var rows = SmallPipeline().Rows.ToDictionary(r => r.EvaluationId);

        // UAR means: real (1 + 7/9) / 2 = 8/9; divsml-1 1; divsml-10 7/9; baseline-1 11/18; baseline-10 8/9.
        Assert.Equal(1.0, rows["eval-real"].UarRatioToReal, 12);
        Assert.Equal(9.0 / 8, rows["eval-divsml-1"].UarRatioToReal, 12);
        Assert.Equal(7.0 / 8, rows["eval-divsml-10"].UarRatioToReal, 12);
        Assert.Equal(11.0 / 16, rows["eval-baseline-1"].UarRatioToReal, 12);
        Assert.Equal(1.0, rows["eval-baseline-10"].UarRatioToReal, 12);
        // Time against 100 s; storage of the training set against the 200 000-byte real feature set.
        Assert.Equal([0.0, 95.0, 80.0, 90.0, 75.0], rows.Values.Select(r => Math.Round(r.TrainingTimeReductionPercent, 9)));
        Assert.Equal([0.0, 95.0, 95.0, 99.5, 95.0], rows.Values.Select(r => Math.Round(r.StorageReductionPercent!.Value, 9)));
        // McNemar against the real median repeat A. baseline-1 (B): only B right at 7 (b = 1), only A right at 1 and 4 (c = 2),
        // p = 2 · (1 + 3) / 8 = 1. divsml-1 (C): b = 2, c = 0, p = 0.5.
        Assert.Null(rows["eval-real"].McNemarVsReal);
        Assert.Equal((1, 2, 1.0), (rows["eval-baseline-1"].McNemarVsReal!.OnlyThisCorrect, rows["eval-baseline-1"].McNemarVsReal!.OnlyReferenceCorrect, rows["eval-baseline-1"].McNemarVsReal!.PValue));
        Assert.Equal((2, 0, 0.5), (rows["eval-divsml-1"].McNemarVsReal!.OnlyThisCorrect, rows["eval-divsml-1"].McNemarVsReal!.OnlyReferenceCorrect, rows["eval-divsml-1"].McNemarVsReal!.PValue));
        Assert.Equal(0.1, rows["eval-divsml-1"].SpeakerProbe!.Accuracy);
        Assert.Null(rows["eval-baseline-1"].SpeakerProbe);
    }

    [Fact]
    public void Markdown_headline_table_has_one_row_per_training_set()
    {
        var markdown = PipelineReportMarkdown.Render(SmallPipeline());

        Assert.Contains("| training set | UAR mean ± std | UAR 95% CI | ratio to real | McNemar p vs real | train time reduction | storage reduction | speaker-ID acc |", markdown);
        // Real: std of (1, 7/9) = (2/9) / √2 = 0.157.
        Assert.Contains("| real | 0.889 ± 0.157 | ", markdown);
        Assert.Contains(" | 1.000 | — | 0.0 % | 0.0 % | 0.600 (chance 0.100) |", markdown);
        // All-correct predictions: every bootstrap resample has UAR 1.
        Assert.Contains("| synthetic +div+sml, 1 per class | 1.000 ± 0.000 | 1.000–1.000 | 1.125 | 0.5 | 95.0 % | 95.0 % | 0.100 (chance 0.100) |", markdown);
        Assert.Contains("| synthetic baseline, 10 per class | 0.889 ± 0.157 | ", markdown);
        Assert.Contains("![UAR vs points per class](uar-vs-points-per-class.svg)", markdown);
    }

    [Fact]
    public void Markdown_reproduction_section_lists_ids_and_configuration()
    {
        var markdown = PipelineReportMarkdown.Render(SmallPipeline());

        var reproduction = markdown[markdown.IndexOf("## Reproduction", StringComparison.Ordinal)..];
        Assert.Contains("| synthetic baseline, 1 per class | eval-baseline-1 | synthetic-baseline-1 | gan-baseline | baseline | 1 |", reproduction);
        Assert.Contains("| real | eval-real | features-emodb-train | — | — | — |", reproduction);
        // Configuration rows sorted by key.
        var corpus = reproduction.IndexOf("| corpus | emodb |", StringComparison.Ordinal);
        var encoder = reproduction.IndexOf("| featureEncoder | logmel-80-25ms-10ms |", StringComparison.Ordinal);
        var commit = reproduction.IndexOf("| gitCommit | abc123 |", StringComparison.Ordinal);
        Assert.True(corpus >= 0 && corpus < encoder && encoder < commit, "configuration keys appear once each, sorted");
    }

    [Fact]
    public void Plot_has_one_series_per_preset_and_the_real_baseline_as_reference()
    {
        var plot = PipelineReportPlots.UarVersusBudget(SmallPipeline());
        var root = XDocument.Parse(plot.Svg).Root!;

        Assert.Equal("uar-vs-points-per-class.svg", plot.FileName);
        var series = root.Descendants(SvgNs + "g").Where(g => (string?)g.Attribute("class") == "series").ToArray();
        Assert.Equal(["+div+sml", "baseline"], series.Select(g => g.Attribute("data-name")!.Value));
        Assert.All(series, g => Assert.Equal(2, g.Elements(SvgNs + "circle").Count()));

        var reference = Assert.Single(root.Descendants(SvgNs + "g"), g => (string?)g.Attribute("class") == "reference");
        Assert.Equal("real data", reference.Attribute("data-name")!.Value);
        var line = reference.Element(SvgNs + "line")!;
        Assert.NotNull(line.Attribute("stroke-dasharray"));
        Assert.NotNull(reference.Element(SvgNs + "rect")); // the ± std band
        // +div+sml has UAR 1 at 1 per class and 7/9 at 10 per class; the real 8/9 lies between them (SVG y grows downwards).
        double Y(XElement e, string attribute) => double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
        var divsmlCircles = series[0].Elements(SvgNs + "circle").Select(c => Y(c, "cy")).ToArray();
        Assert.InRange(Y(line, "y1"), divsmlCircles[0], divsmlCircles[1]);
        // Budgets 1 and 10 span a factor of 10: logarithmic axis with ticks at powers of ten.
        var texts = root.Descendants(SvgNs + "text").Select(t => t.Value).ToArray();
        Assert.Contains("1", texts);
        Assert.Contains("10", texts);
        Assert.Contains("real data", texts);
    }

    [Fact]
    public void Pipeline_rejects_mismatched_inputs()
    {
        var real = Evaluation(RealSetup(), 100, PredictionsA);
        var synthetic = Evaluation(SyntheticSetup("s1", "baseline", 10), 10, PredictionsB);
        var empty = new Dictionary<string, string>();

        Assert.Contains("must be trained on real data",
            Assert.Throws<ArgumentException>(() => PipelineReportBuilder.Build("p", synthetic, [], empty, CreatedAt)).Message);
        Assert.Contains("pass only synthetic-set evaluations",
            Assert.Throws<ArgumentException>(() => PipelineReportBuilder.Build("p", real, [Evaluation(RealSetup("r2"), 1, PredictionsA)], empty, CreatedAt)).Message);
        Assert.Contains("one evaluation per preset and budget",
            Assert.Throws<ArgumentException>(() => PipelineReportBuilder.Build("p", real, [synthetic, Evaluation(SyntheticSetup("s2", "baseline", 10), 10, PredictionsC)], empty, CreatedAt)).Message);
        var otherTestSet = Evaluation(SyntheticSetup("s3", "baseline", 1) with { TestSetId = "other" }, 10, PredictionsC);
        Assert.Contains("same test set",
            Assert.Throws<ArgumentException>(() => PipelineReportBuilder.Build("p", real, [otherTestSet], empty, CreatedAt)).Message);
    }
}
