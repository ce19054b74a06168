namespace DistillPlatform.Metrics.Statistics;

internal static class Quantile
{
    /// <summary>
    /// Quantile of already sorted values with linear interpolation between order statistics
    /// (Hyndman and Fan type 7, the default of numpy and R), so results can be checked against either.
    /// </summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double probability)
    {
        var position = probability * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        var fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
