using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Tests;

public class MeanStdTests
{
    [Fact]
    public void Uses_the_sample_standard_deviation()
    {
        // Mean 0.8; squared deviations 0.01 + 0 + 0.01 = 0.02; / (3 - 1) = 0.01; sqrt = 0.1.
        var summary = MeanStd.Of([0.7, 0.8, 0.9]);

        Assert.Equal(0.8, summary.Mean, 12);
        Assert.Equal(0.1, summary.StandardDeviation, 12);
        Assert.Equal(3, summary.Count);
        Assert.Equal("0.800 ± 0.100", summary.Format());
        Assert.Equal("0.8 ± 0.1", summary.Format(1));
    }

    [Fact]
    public void A_single_run_has_zero_spread()
    {
        Assert.Equal(new MeanStd(0.65, 0, 1), MeanStd.Of([0.65]));
    }

    [Fact]
    public void Empty_or_non_finite_values_are_rejected()
    {
        Assert.Contains("at least one value", Assert.Throws<ArgumentException>(() => MeanStd.Of([])).Message);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => MeanStd.Of([0.5, double.NaN])).Message);
    }
}
