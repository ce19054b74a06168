using System.Globalization;

namespace DistillPlatform.Metrics.Statistics;

/// <summary>
/// Mean ± standard deviation of a metric over repeated runs (e.g. UAR over 5 sampled synthetic sets).
/// The standard deviation is the sample one (divides by n − 1), 0 for a single run.
/// </summary>
public sealed record MeanStd(double Mean, double StandardDeviation, int Count)
{
    public static MeanStd Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var array = values.ToArray();
        if (array.Length == 0) throw new ArgumentException("Mean ± std needs at least one value.", nameof(values));
        if (array.Any(v => !double.IsFinite(v))) throw new ArgumentException("Mean ± std values must be finite numbers.", nameof(values));

        var mean = array.Average();
        var std = array.Length == 1
            ? 0.0
            : Math.Sqrt(array.Sum(v => (v - mean) * (v - mean)) / (array.Length - 1));
        return new MeanStd(mean, std, array.Length);
    }

    /// <summary>Formats as e.g. "0.712 ± 0.015" with the given number of decimals, culture-invariant.</summary>
    public string Format(int decimals = 3) =>
        $"{Mean.ToString("F" + decimals, CultureInfo.InvariantCulture)} ± {StandardDeviation.ToString("F" + decimals, CultureInfo.InvariantCulture)}";

    public override string ToString() => Format();
}
