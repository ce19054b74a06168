using DistillPlatform.Metrics.Classification;
using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Tests;

public class UarBootstrapTests
{
    /// <summary>A test set where each class's examples are predicted right with probability <paramref name="recall"/>.</summary>
    private static (int[] Truth, int[] Predicted) SimulatedTestSet(int classCount, int perClass, double recall, Random random)
    {
        var truth = new int[classCount * perClass];
        var predicted = new int[truth.Length];
        for (var i = 0; i < truth.Length; i++)
        {
            truth[i] = i % classCount;
            predicted[i] = random.NextDouble() < recall ? truth[i] : (truth[i] + 1 + random.Next(classCount - 1)) % classCount;
        }
        return (truth, predicted);
    }

    [Fact]
    public void Same_seed_gives_the_same_interval_and_another_seed_a_different_one()
    {
        var (truth, predicted) = SimulatedTestSet(4, 40, 0.7, new Random(1));

        var first = UarBootstrap.Compute(4, truth, predicted, resamples: 500, seed: 42);
        var again = UarBootstrap.Compute(4, truth, predicted, resamples: 500, seed: 42);
        var other = UarBootstrap.Compute(4, truth, predicted, resamples: 500, seed: 43);

        Assert.Equal(first, again);
        Assert.NotEqual((first.Lower, first.Upper), (other.Lower, other.Upper));
    }

    [Fact]
    public void Estimate_is_the_full_sample_uar_and_lies_inside_the_interval()
    {
        var (truth, predicted) = SimulatedTestSet(4, 40, 0.7, new Random(2));

        var interval = UarBootstrap.Compute(4, truth, predicted, resamples: 500, seed: 0);

        Assert.Equal(ClassificationReport.Compute(["a", "b", "c", "d"], truth, predicted).Uar, interval.Estimate, 12);
        Assert.True(interval.Lower <= interval.Estimate && interval.Estimate <= interval.Upper, interval.ToString());
        Assert.Equal(0.95, interval.Level);
        Assert.Equal(500, interval.Resamples);
    }

    [Fact]
    public void Interval_narrows_as_the_test_set_grows()
    {
        var small = SimulatedTestSet(4, 25, 0.7, new Random(3));
        var large = SimulatedTestSet(4, 400, 0.7, new Random(3));

        var smallInterval = UarBootstrap.Compute(4, small.Truth, small.Predicted, resamples: 400, seed: 0);
        var largeInterval = UarBootstrap.Compute(4, large.Truth, large.Predicted, resamples: 400, seed: 0);

        // Width scales like 1/sqrt(n): 16x the data should give about a quarter of the width.
        Assert.True(largeInterval.Upper - largeInterval.Lower < 0.5 * (smallInterval.Upper - smallInterval.Lower));
    }

    [Fact]
    public void Ninety_five_percent_intervals_cover_the_true_uar_about_95_percent_of_the_time()
    {
        // Each simulated test set is drawn from a classifier whose true UAR is exactly 0.7.
        const double trueUar = 0.7;
        const int trials = 120;
        var random = new Random(7);
        var covered = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            var (truth, predicted) = SimulatedTestSet(4, 50, trueUar, random);
            if (UarBootstrap.Compute(4, truth, predicted, resamples: 300, seed: trial).Contains(trueUar)) covered++;
        }

        // Binomial(120, 0.95) has sd ≈ 2.4 hits; the percentile bootstrap runs slightly narrow, so allow 85%–100%.
        Assert.InRange(covered / (double)trials, 0.85, 1.0);
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        int[] labels = [0, 1];
        Assert.Contains("confidence level", Assert.Throws<ArgumentOutOfRangeException>(() => UarBootstrap.Compute(2, labels, labels, level: 1.5)).Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentOutOfRangeException>(() => UarBootstrap.Compute(2, labels, labels, resamples: 1)).Message);
        Assert.Contains("empty test set", Assert.Throws<ArgumentException>(() => UarBootstrap.Compute(2, [], [])).Message);
    }
}
