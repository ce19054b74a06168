using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Tests;

public class McNemarTestTests
{
    // Reference p-values were computed independently with /usr/bin/python3 (standard library only):
    //   exact:      min(1, 2 * sum(math.comb(n, i) for i in range(min(b, c) + 1)) / 2**n)
    //   chi-square: s = (abs(b - c) - 1)**2 / (b + c); p = math.erfc(math.sqrt(s / 2))
    [Theory]
    [InlineData(3, 10, 0.09228515625)]          // 2 * (1 + 13 + 78 + 286) / 8192
    [InlineData(0, 5, 0.0625)]                  // 2 / 2^5
    [InlineData(5, 19, 0.006610751152038574)]   // b + c = 24: still exact
    [InlineData(12, 12, 1.0)]                   // symmetric: capped at 1
    [InlineData(0, 0, 1.0)]                     // no discordant pairs: no evidence of a difference
    public void Small_discordant_counts_use_the_exact_binomial_test(int b, int c, double expectedP)
    {
        var result = McNemarTest.FromDiscordantCounts(b, c);

        Assert.Equal(McNemarMethod.ExactBinomial, result.Method);
        Assert.Equal(expectedP, result.PValue, 12);
        Assert.Equal(Math.Min(b, c), result.Statistic);
    }

    [Theory]
    [InlineData(15, 10, 0.64, 0.4237107971667934)]                  // b + c = 25: first chi-square case
    [InlineData(40, 20, 6.016666666666667, 0.01417138825401233)]
    [InlineData(121, 59, 20.67222222222222, 5.450094825427123e-06)]   // textbook example (b = 121, c = 59)
    public void Large_discordant_counts_use_continuity_corrected_chi_square(int b, int c, double expectedStatistic, double expectedP)
    {
        var result = McNemarTest.FromDiscordantCounts(b, c);

        Assert.Equal(McNemarMethod.ChiSquareContinuityCorrected, result.Method);
        Assert.Equal(expectedStatistic, result.Statistic, 10);
        Assert.Equal(expectedP, result.PValue, 1e-12 + expectedP * 1e-9);
    }

    [Fact]
    public void Compare_counts_discordant_pairs_from_predictions()
    {
        // Positions: 0 both right, 1 only A right, 2 only A right, 3 only B right, 4 both wrong (differently).
        int[] truth = [0, 1, 2, 0, 1];
        int[] first = [0, 1, 2, 1, 0];
        int[] second = [0, 0, 0, 0, 2];

        var result = McNemarTest.Compare(truth, first, second);

        Assert.Equal(2, result.OnlyFirstCorrect);
        Assert.Equal(1, result.OnlySecondCorrect);
        Assert.Equal(3, result.DiscordantPairs);
        Assert.Equal(1.0, result.PValue, 12); // 2 * (1 + 3) / 8 = 1
    }

    [Fact]
    public void Swapping_the_models_swaps_b_and_c_but_not_the_p_value()
    {
        var forward = McNemarTest.FromDiscordantCounts(7, 30);
        var backward = McNemarTest.FromDiscordantCounts(30, 7);

        Assert.Equal(forward.PValue, backward.PValue, 15);
        Assert.Equal((7, 30), (forward.OnlyFirstCorrect, forward.OnlySecondCorrect));
        Assert.Equal((30, 7), (backward.OnlyFirstCorrect, backward.OnlySecondCorrect));
    }

    [Fact]
    public void Mismatched_prediction_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => McNemarTest.Compare([0, 1], [0, 1], [0]));
        Assert.Contains("second model's predictions", error.Message);
    }
}
