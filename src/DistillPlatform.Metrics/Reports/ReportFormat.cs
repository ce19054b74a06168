using System.Globalization;

namespace DistillPlatform.Metrics.Reports;

/// <summary>Culture-invariant number formats shared by the report Markdown, so every table reads the same way.</summary>
internal static class ReportFormat
{
    public const string NotAvailable = "n/a";

    public static string Number(double value, int decimals = 3) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string Number(double? value, int decimals = 3) => value is { } v ? Number(v, decimals) : NotAvailable;

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>"1 repeat", "3 repeats".</summary>
    public static string Count(int count, string noun) => $"{Integer(count)} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>A reduction in percent with its sign, e.g. "95.0 %" or "-12.5 %".</summary>
    public static string Percent(double? value) => value is { } v ? $"{Number(v, 1)} %" : NotAvailable;

    /// <summary>p-values keep three significant digits, so very small values stay readable (e.g. "5.45E-06").</summary>
    public static string PValue(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    public static string Seconds(double seconds) => $"{Number(seconds, 1)} s";

    /// <summary>Binary units with the exact byte count, e.g. "1.50 MiB (1572864 B)".</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        if (bytes < 1024) return $"{Integer(bytes)} B";
        var scaled = (double)bytes;
        var unit = -1;
        while (scaled >= 1024 && unit < units.Length - 1)
        {
            scaled /= 1024;
            unit++;
        }
        return $"{Number(scaled, 2)} {units[unit]} ({Integer(bytes)} B)";
    }

    public static string Interval(UarConfidenceInterval interval) =>
        $"{Number(interval.Lower)}–{Number(interval.Upper)}";

    public static string Level(double level) => $"{(level * 100).ToString("0.#", CultureInfo.InvariantCulture)}%";
}
