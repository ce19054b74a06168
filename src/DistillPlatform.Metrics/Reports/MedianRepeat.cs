namespace DistillPlatform.Metrics.Reports;

/// <summary>Picks the repeat that represents an evaluation: the one with the median UAR.</summary>
public static class MedianRepeat
{
    /// <summary>
    /// Index of the median-UAR repeat. With an even count the lower of the two middle repeats is taken, and equal UARs
    /// are ordered by repeat index, so the choice is deterministic and always an actual repeat (never an average).
    /// </summary>
    public static int IndexOf(IReadOnlyList<double> uars)
    {
        ArgumentNullException.ThrowIfNull(uars);
        if (uars.Count == 0) throw new ArgumentException("The median repeat needs at least one repeat.", nameof(uars));
        var ordered = Enumerable.Range(0, uars.Count).OrderBy(i => uars[i]).ThenBy(i => i).ToArray();
        return ordered[(ordered.Length - 1) / 2];
    }
}
