using DistillPlatform.Metrics.Classification;

namespace DistillPlatform.Metrics.Statistics;

/// <summary>
/// Percentile bootstrap confidence interval for UAR: resample the test examples with replacement, recompute UAR,
/// and take the (1 − level)/2 and (1 + level)/2 quantiles of the resampled values. Seeded, so a report is reproducible.
/// </summary>
public static class UarBootstrap
{
    public static ConfidenceInterval Compute(
        int classCount,
        IReadOnlyList<int> trueClasses,
        IReadOnlyList<int> predictedClasses,
        int resamples = 1000,
        double level = 0.95,
        int seed = 0)
    {
        if (classCount < 1) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "At least one class is required.");
        LabelValidation.RequireSameLength(trueClasses, predictedClasses, "true classes", "predicted classes");
        LabelValidation.RequireInRange(trueClasses, classCount, "true classes");
        LabelValidation.RequireInRange(predictedClasses, classCount, "predicted classes");
        if (trueClasses.Count == 0) throw new ArgumentException("Cannot bootstrap an empty test set.", nameof(trueClasses));
        if (resamples < 2) throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "Use at least 2 bootstrap resamples (1000 or more is typical).");
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must lie strictly between 0 and 1, e.g. 0.95.");

        var truth = trueClasses.ToArray();
        var predicted = predictedClasses.ToArray();
        var estimate = ClassificationReport.UnweightedAverageRecall(classCount, truth, predicted);

        var random = new Random(seed);
        var sampleTruth = new int[truth.Length];
        var samplePredicted = new int[truth.Length];
        var values = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < truth.Length; i++)
            {
                var pick = random.Next(truth.Length);
                sampleTruth[i] = truth[pick];
                samplePredicted[i] = predicted[pick];
            }
            // A resample may miss a rare class entirely; UAR then averages over the classes it does contain,
            // exactly as for a real test set without examples of that class.
            values[r] = ClassificationReport.UnweightedAverageRecall(classCount, sampleTruth, samplePredicted);
        }

        Array.Sort(values);
        var tail = (1 - level) / 2;
        return new ConfidenceInterval(estimate, Quantile.OfSorted(values, tail), Quantile.OfSorted(values, 1 - tail), level, resamples);
    }
}
