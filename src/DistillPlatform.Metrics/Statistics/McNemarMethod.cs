namespace DistillPlatform.Metrics.Statistics;

public enum McNemarMethod
{
    /// <summary>Exact two-tailed binomial test on the discordant pairs (used when b + c &lt; 25).</summary>
    ExactBinomial,

    /// <summary>Chi-square with one degree of freedom and Edwards' continuity correction (b + c ≥ 25).</summary>
    ChiSquareContinuityCorrected,
}
