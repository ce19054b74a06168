using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Reports;

/// <summary>Metrics over all repeats. Means ± std use the sample standard deviation (see <see cref="MeanStd"/>).</summary>
/// <param name="UarInterval">Bootstrap interval of UAR over the test examples, from the median repeat.</param>
/// <param name="PerClassRecallMean">Mean recall over repeats by class index; null for a class without test examples.</param>
/// <param name="SummedConfusion">Confusion counts summed over repeats (each test example counted once per repeat).</param>
/// <param name="MedianRepeatIndex">Index into the repeats of the median-UAR repeat (see <see cref="MedianRepeat"/>).</param>
public sealed record AggregateMetrics(
    MeanStd Uar,
    UarConfidenceInterval UarInterval,
    MeanStd WeightedAccuracy,
    MeanStd MacroF1,
    IReadOnlyList<double?> PerClassRecallMean,
    IReadOnlyList<IReadOnlyList<int>> SummedConfusion,
    int MedianRepeatIndex);
