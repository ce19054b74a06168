using DistillPlatform.Features.Encoders;

namespace DistillPlatform.Features.Tests.Encoders;

public sealed class FeatureStatisticsTests
{
    [Fact]
    public void Pools_frames_of_all_utterances()
    {
        // Dimension 0 over all frames: 1, 3, 5, 7 → mean 4, population variance (9+1+1+9)/4 = 5.
        // Dimension 1: 10, 10, 10, 10 → mean 10, std 0.
        var first = new FrameFeatures(1, 2, [1, 10]);
        var second = new FrameFeatures(3, 2, [3, 10, 5, 10, 7, 10]);

        var statistics = FeatureStatistics.Compute([first, second]);

        Assert.Equal(4, statistics.FrameCount);
        Assert.Equal([4.0, 10.0], statistics.Mean);
        Assert.Equal(Math.Sqrt(5), statistics.StandardDeviation[0], 1e-12);
        Assert.Equal(0, statistics.StandardDeviation[1], 1e-12);
    }

    [Fact]
    public void Standardize_centres_and_scales_and_keeps_constant_dimensions_finite()
    {
        var statistics = new FeatureStatistics([4.0, 10.0], [2.0, 0.0], 4);

        var standardized = statistics.Standardize(new FrameFeatures(2, 2, [6, 10, 0, 11]));

        Assert.Equal([1f, 0f, -2f, (float)(1 / FeatureStatistics.MinimumStandardDeviation)], standardized.Values);
    }

    [Fact]
    public void Stays_accurate_when_the_mean_dwarfs_the_spread()
    {
        var values = Enumerable.Range(0, 10_000).Select(i => (float)(1e4 + (i / 2 % 2 == 0 ? 0.5 : -0.5))).ToArray(); // frame i / 2 alternates ±0.5

        var statistics = FeatureStatistics.Compute([new FrameFeatures(5_000, 2, values)]);

        Assert.Equal(0.5, statistics.StandardDeviation[0], 1e-6);
    }

    [Fact]
    public void Rejects_mismatched_dimensions_and_empty_input()
    {
        Assert.Throws<ArgumentException>(() => FeatureStatistics.Compute([new FrameFeatures(1, 2, [1, 2]), new FrameFeatures(1, 3, [1, 2, 3])]));
        Assert.Throws<ArgumentException>(() => FeatureStatistics.Compute([]));
        Assert.Throws<ArgumentException>(() => new FeatureStatistics([0.0], [1.0], 1).Standardize(new FrameFeatures(1, 2, [1, 2])));
    }
}
