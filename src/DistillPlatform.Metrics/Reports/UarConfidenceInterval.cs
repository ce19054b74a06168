namespace DistillPlatform.Metrics.Reports;

/// <summary>
/// Percentile bootstrap interval of UAR over the test examples of one representative repeat, the median-UAR one.
/// <para>Why the median repeat and not all repeats pooled: pooling the predictions of R repeats would count each test
/// utterance R times, as if the test set were R times larger, and shrink the interval by about √R although no new
/// speakers were heard. The interval is meant to show test-set sampling uncertainty; seed-to-seed variation is reported
/// separately as the standard deviation over repeats. The median repeat is the typical model, not a lucky or
/// unlucky one.</para>
/// </summary>
/// <param name="Estimate">UAR of the median repeat on the full test set.</param>
/// <param name="Level">Confidence level, e.g. 0.95.</param>
/// <param name="BootstrapSeed">Seed of the resampling, so the interval can be reproduced exactly.</param>
/// <param name="RepeatIndex">Index of the repeat whose predictions were resampled.</param>
/// <param name="Method">Always <see cref="MedianRepeatPercentileBootstrap"/> in this format version.</param>
public sealed record UarConfidenceInterval(
    double Estimate,
    double Lower,
    double Upper,
    double Level,
    int Resamples,
    int BootstrapSeed,
    int RepeatIndex,
    string Method)
{
    public const string MedianRepeatPercentileBootstrap = "medianRepeatPercentileBootstrap";
}
