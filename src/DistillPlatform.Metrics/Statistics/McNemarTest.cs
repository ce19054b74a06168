using DistillPlatform.Metrics.Classification;
using MathNet.Numerics;

namespace DistillPlatform.Metrics.Statistics;

/// <summary>
/// McNemar's test: do two classifiers evaluated on the same examples differ in error rate? Only the discordant pairs
/// carry information (b = only A correct, c = only B correct); under the null hypothesis each is equally likely.
/// </summary>
public static class McNemarTest
{
    /// <summary>Below this many discordant pairs the chi-square approximation is poor, so the exact test is used.</summary>
    public const int ExactTestBelowDiscordantPairs = 25;

    public static McNemarResult Compare(
        IReadOnlyList<int> trueClasses, IReadOnlyList<int> firstPredictions, IReadOnlyList<int> secondPredictions)
    {
        LabelValidation.RequireSameLength(trueClasses, firstPredictions, "true classes", "first model's predictions");
        LabelValidation.RequireSameLength(trueClasses, secondPredictions, "true classes", "second model's predictions");

        int onlyFirst = 0, onlySecond = 0;
        for (var i = 0; i < trueClasses.Count; i++)
        {
            var firstCorrect = firstPredictions[i] == trueClasses[i];
            var secondCorrect = secondPredictions[i] == trueClasses[i];
            if (firstCorrect && !secondCorrect) onlyFirst++;
            else if (secondCorrect && !firstCorrect) onlySecond++;
        }
        return FromDiscordantCounts(onlyFirst, onlySecond);
    }

    public static McNemarResult FromDiscordantCounts(int onlyFirstCorrect, int onlySecondCorrect)
    {
        if (onlyFirstCorrect < 0 || onlySecondCorrect < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(onlyFirstCorrect), "Discordant counts must not be negative.");
        }

        var discordant = onlyFirstCorrect + onlySecondCorrect;
        if (discordant < ExactTestBelowDiscordantPairs)
        {
            var smaller = Math.Min(onlyFirstCorrect, onlySecondCorrect);
            return new McNemarResult(onlyFirstCorrect, onlySecondCorrect, smaller,
                ExactTwoTailedPValue(smaller, discordant), McNemarMethod.ExactBinomial);
        }

        var excess = Math.Abs(onlyFirstCorrect - onlySecondCorrect) - 1.0;
        var statistic = excess * excess / discordant;
        // Survival function of chi-square with 1 degree of freedom, written through erfc so that tiny p-values keep
        // their precision instead of being rounded to 0 by computing 1 - CDF.
        var pValue = SpecialFunctions.Erfc(Math.Sqrt(statistic / 2));
        return new McNemarResult(onlyFirstCorrect, onlySecondCorrect, statistic, pValue,
            McNemarMethod.ChiSquareContinuityCorrected);
    }

    /// <summary>2 · P(X ≤ k) for X ~ Binomial(n, 1/2), capped at 1. n is small here, so the sum is exact in doubles.</summary>
    private static double ExactTwoTailedPValue(int smallerCount, int discordant)
    {
        if (discordant == 0) return 1.0;
        double tail = 0;
        double binomialCoefficient = 1; // C(n, 0)
        for (var i = 0; i <= smallerCount; i++)
        {
            tail += binomialCoefficient;
            binomialCoefficient = binomialCoefficient * (discordant - i) / (i + 1);
        }
        return Math.Min(1.0, 2 * tail / Math.Pow(2, discordant));
    }
}
