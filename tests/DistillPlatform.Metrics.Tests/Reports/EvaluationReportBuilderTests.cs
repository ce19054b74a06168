using DistillPlatform.Metrics.Reports;
using DistillPlatform.Metrics.Statistics;
using static DistillPlatform.Metrics.Tests.Reports.ReportFixtures;

namespace DistillPlatform.Metrics.Tests.Reports;

public class EvaluationReportBuilderTests
{
    /// <summary>Three repeats A, B, C (see <see cref="ReportFixtures"/>) with wall times 10/20/30 s, epochs 12/15/9, best epochs 8/10/6.</summary>
    private static EvaluationReport ThreeRepeats(int bootstrapSeed = 7) =>
        new EvaluationReportBuilder(SyntheticSetup("eval-syn", "+div+sml", 10), Truth) { BootstrapResamples = 500, BootstrapSeed = bootstrapSeed }
            .AddRepeat(Repeat(1, PredictionsA, 10, 12, 8))
            .AddRepeat(Repeat(2, PredictionsB, 20, 15, 10))
            .AddRepeat(Repeat(3, PredictionsC, 30, 9, 6))
            .Build(CreatedAt);

    [Fact]
    public void Per_repeat_metrics_match_hand_computation()
    {
        var report = ThreeRepeats();

        Assert.Equal([1, 2, 3], report.Repeats.Select(r => r.Seed));
        Assert.Equal(7.0 / 9, report.Repeats[0].Uar, 12);
        Assert.Equal(11.0 / 18, report.Repeats[1].Uar, 12);
        Assert.Equal(1.0, report.Repeats[2].Uar, 12);
        Assert.Equal([0.75, 0.625, 1.0], report.Repeats.Select(r => r.WeightedAccuracy));
        // Repeat A: F1 anger = 2/3 (precision 2/3, recall 2/3), happy = 0.8 (2/3, 1), sad = 0.8 (1, 2/3).
        Assert.Equal((2.0 / 3 + 0.8 + 0.8) / 3, report.Repeats[0].MacroF1, 12);
        Assert.Equal([1.0 / 3, 0.5, 1.0], report.Repeats[1].PerClassRecall.Select(r => r!.Value));
        // Repeat A's confusion: anger row predicted [0, 0, 1], happy [1, 1], sad [2, 2, 0].
        Assert.Equal([[2, 1, 0], [0, 2, 0], [1, 0, 2]], report.Repeats[0].Confusion.Select(row => row.ToArray()));
        Assert.Equal(PredictionsB, report.Repeats[1].Predictions);
        Assert.Equal((20.0, 15, 10), (report.Repeats[1].TrainingWallTimeSeconds, report.Repeats[1].EpochsTrained, report.Repeats[1].BestDevUarEpoch));
    }

    [Fact]
    public void Aggregate_matches_hand_computation()
    {
        var aggregate = ThreeRepeats().Aggregate;

        // UARs 42/54, 33/54, 54/54: mean 43/54; deviations -1/54, -10/54, 11/54, so sample std = sqrt(222 / 2) / 54.
        Assert.Equal(43.0 / 54, aggregate.Uar.Mean, 12);
        Assert.Equal(Math.Sqrt(111) / 54, aggregate.Uar.StandardDeviation, 12);
        Assert.Equal(3, aggregate.Uar.Count);
        Assert.Equal((0.75 + 0.625 + 1) / 3, aggregate.WeightedAccuracy.Mean, 12);
        // Mean recall: anger (2/3 + 1/3 + 1) / 3, happy (1 + 1/2 + 1) / 3, sad (2/3 + 1 + 1) / 3.
        Assert.Equal(2.0 / 3, aggregate.PerClassRecallMean[0]!.Value, 12);
        Assert.Equal(5.0 / 6, aggregate.PerClassRecallMean[1]!.Value, 12);
        Assert.Equal(8.0 / 9, aggregate.PerClassRecallMean[2]!.Value, 12);
        // A + B + C: anger [2,1,0]+[1,2,0]+[3,0,0], happy [0,2,0]+[1,1,0]+[0,2,0], sad [1,0,2]+[0,0,3]+[0,0,3].
        Assert.Equal([[6, 3, 0], [1, 5, 0], [1, 0, 8]], aggregate.SummedConfusion.Select(row => row.ToArray()));
        // Sorted UARs: B (11/18) < A (7/9) < C (1): the median repeat is A, index 0.
        Assert.Equal(0, aggregate.MedianRepeatIndex);
    }

    [Fact]
    public void Training_time_summary_is_mean_and_std_over_repeats()
    {
        var time = ThreeRepeats().TrainingTime;

        Assert.Equal((20.0, 10.0), (time.WallTimeSeconds.Mean, time.WallTimeSeconds.StandardDeviation));
        Assert.Equal((12.0, 3.0), (time.EpochsTrained.Mean, time.EpochsTrained.StandardDeviation));
        Assert.Equal((8.0, 2.0), (time.BestDevUarEpoch.Mean, time.BestDevUarEpoch.StandardDeviation));
    }

    [Fact]
    public void Uar_interval_is_the_bootstrap_of_the_median_repeat()
    {
        var interval = ThreeRepeats(bootstrapSeed: 7).Aggregate.UarInterval;
        var direct = UarBootstrap.Compute(Labels.Length, Truth, PredictionsA, resamples: 500, level: 0.95, seed: 7);

        Assert.Equal(7.0 / 9, interval.Estimate, 12);
        Assert.Equal((direct.Lower, direct.Upper, direct.Level, direct.Resamples), (interval.Lower, interval.Upper, interval.Level, interval.Resamples));
        Assert.Equal((7, 0), (interval.BootstrapSeed, interval.RepeatIndex));
        Assert.Equal(UarConfidenceInterval.MedianRepeatPercentileBootstrap, interval.Method);
    }

    [Theory]
    [InlineData(new[] { 0.5 }, 0)]
    [InlineData(new[] { 0.9, 0.1, 0.5 }, 2)]
    [InlineData(new[] { 0.4, 0.3, 0.2, 0.1 }, 2)] // even count: the lower middle value, 0.2
    [InlineData(new[] { 0.5, 0.5, 0.5 }, 1)]      // ties ordered by index
    public void Median_repeat_is_the_lower_middle_by_uar(double[] uars, int expectedIndex)
    {
        Assert.Equal(expectedIndex, MedianRepeat.IndexOf(uars));
    }

    [Fact]
    public void McNemar_wiring_matches_McNemarTest_on_the_median_repeats()
    {
        // Reference median: repeats [C, A, B] have UARs 1, 7/9, 11/18, so the median is A at index 1.
        var reference = Evaluation(RealSetup(), 100, PredictionsC, PredictionsA, PredictionsB);
        var report = ThreeRepeats();

        var viaReference = new EvaluationReportBuilder(report.Setup, Truth)
            .AddRepeat(Repeat(1, PredictionsB)).AddRepeat(Repeat(2, PredictionsC)).AddRepeat(Repeat(3, PredictionsC))
            .CompareWith(reference)
            .Build(CreatedAt);

        // Subject repeats [B, C, C]: median is C at index 1.
        var expected = McNemarTest.Compare(Truth, PredictionsC, PredictionsA);
        var comparison = viaReference.McNemar!;
        Assert.Equal("eval-real", comparison.ReferenceEvaluationId);
        Assert.Equal((1, 1), (comparison.RepeatIndex, comparison.ReferenceRepeatIndex));
        Assert.Equal(expected, comparison.ToResult());
        // By hand: only C is right at positions 2 and 7, so b = 2, c = 0 and p = 2 · (1/2)² = 0.5.
        Assert.Equal((2, 0, 0.5, McNemarMethod.ExactBinomial),
            (comparison.OnlyThisCorrect, comparison.OnlyReferenceCorrect, comparison.PValue, comparison.Method));
        Assert.Null(report.McNemar);
    }

    [Fact]
    public void McNemar_requires_the_same_test_set()
    {
        var reference = Evaluation(RealSetup() with { TestSetId = "other-test-set" }, 100, PredictionsC);
        var builder = new EvaluationReportBuilder(SyntheticSetup("eval-syn", "baseline", 10), Truth)
            .AddRepeat(Repeat(1, PredictionsA))
            .CompareWith(reference);

        var error = Assert.Throws<ArgumentException>(() => builder.Build(CreatedAt));
        Assert.Contains("same test set", error.Message);
        Assert.Contains("other-test-set", error.Message);
    }

    [Fact]
    public void McNemar_requires_the_same_true_classes()
    {
        var reference = new EvaluationReportBuilder(RealSetup(), [2, 0, 0, 1, 1, 2, 2, 0]).AddRepeat(Repeat(1, PredictionsC)).Build(CreatedAt);
        var builder = new EvaluationReportBuilder(SyntheticSetup("eval-syn", "baseline", 10), Truth)
            .AddRepeat(Repeat(1, PredictionsA))
            .CompareWith(reference);

        Assert.Contains("true classes differ", Assert.Throws<ArgumentException>(() => builder.Build(CreatedAt)).Message);
    }

    [Fact]
    public void Class_without_test_examples_has_no_recall()
    {
        int[] truthWithoutSad = [0, 0, 1, 1];
        var report = new EvaluationReportBuilder(RealSetup(), truthWithoutSad)
            .AddRepeat(Repeat(1, [0, 2, 1, 1]))
            .Build(CreatedAt);

        Assert.Null(report.Repeats[0].PerClassRecall[2]);
        Assert.Null(report.Aggregate.PerClassRecallMean[2]);
        Assert.Equal((0.5 + 1.0) / 2, report.Aggregate.Uar.Mean, 12);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_message_that_says_what_to_fix()
    {
        var builder = new EvaluationReportBuilder(RealSetup(), Truth);

        Assert.Contains("has 3 predictions but the test set has 8", Assert.Throws<ArgumentException>(() => builder.AddRepeat(Repeat(1, [0, 1, 2]))).Message);
        Assert.Contains("valid class indices are 0..2", Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddRepeat(Repeat(1, [0, 0, 0, 1, 1, 2, 2, 3]))).Message);
        Assert.Contains("1-based range 1..10", Assert.Throws<ArgumentException>(() => builder.AddRepeat(Repeat(1, PredictionsA, epochs: 10, bestEpoch: 11))).Message);
        builder.AddRepeat(Repeat(1, PredictionsA));
        Assert.Contains("distinct seeds", Assert.Throws<ArgumentException>(() => builder.AddRepeat(Repeat(1, PredictionsB))).Message);
        Assert.Contains("no repeats", Assert.Throws<InvalidOperationException>(() => new EvaluationReportBuilder(RealSetup(), Truth).Build(CreatedAt)).Message);

        var noGenerator = SyntheticSetup("s", "baseline", 10);
        noGenerator = noGenerator with { TrainingSet = noGenerator.TrainingSet with { GeneratorId = null } };
        Assert.Contains("generator id", Assert.Throws<ArgumentException>(() => new EvaluationReportBuilder(noGenerator, Truth)).Message);
        var wrongCounts = RealSetup() with { TrainingSet = RealSetup().TrainingSet with { ClassCounts = [1, 2] } };
        Assert.Contains("2 class counts but the label map has 3", Assert.Throws<ArgumentException>(() => new EvaluationReportBuilder(wrongCounts, Truth)).Message);
    }
}
