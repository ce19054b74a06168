namespace DistillPlatform.Metrics.Statistics;

/// <summary>A point estimate with a two-sided confidence interval at <paramref name="Level"/> (e.g. 0.95).</summary>
public sealed record ConfidenceInterval(double Estimate, double Lower, double Upper, double Level, int Resamples)
{
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
