namespace DistillPlatform.Metrics.Reports;

/// <summary>Relative savings, used for storage and training time alike.</summary>
public static class Reduction
{
    /// <summary>100 · (1 − value / reference): how many percent smaller <paramref name="value"/> is than <paramref name="reference"/>.</summary>
    public static double Percent(double value, double reference)
    {
        if (!double.IsFinite(reference) || reference <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(reference), reference, "A reduction needs a positive, finite reference quantity.");
        }
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A reduction needs a non-negative, finite quantity.");
        }
        return 100 * (1 - value / reference);
    }
}
