namespace DistillPlatform.Metrics.Statistics;

/// <summary>Outcome of McNemar's test between models A and B on the same test set.</summary>
/// <param name="OnlyFirstCorrect">b: examples model A got right and model B got wrong.</param>
/// <param name="OnlySecondCorrect">c: examples model B got right and model A got wrong.</param>
/// <param name="Statistic">Exact test: min(b, c), the binomial count; chi-square test: (|b − c| − 1)² / (b + c).</param>
/// <param name="PValue">Two-tailed p-value for "both models have the same error rate".</param>
public sealed record McNemarResult(
    int OnlyFirstCorrect, int OnlySecondCorrect, double Statistic, double PValue, McNemarMethod Method)
{
    public int DiscordantPairs => OnlyFirstCorrect + OnlySecondCorrect;
}
