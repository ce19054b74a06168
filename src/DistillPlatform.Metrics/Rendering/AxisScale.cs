namespace DistillPlatform.Metrics.Rendering;

/// <summary>
/// Maps data values to pixels along one axis and chooses "nice" tick values (1, 2 or 5 times a power of ten),
/// optionally on a base-10 logarithmic scale (useful for x = points per class: 1, 10, 100, ...).
/// </summary>
internal sealed class AxisScale
{
    private readonly double _dataMin;
    private readonly double _dataMax;
    private readonly double _pixelStart;
    private readonly double _pixelEnd;

    private AxisScale(double dataMin, double dataMax, double pixelStart, double pixelEnd, bool logarithmic, IReadOnlyList<double> ticks, double tickStep)
    {
        _dataMin = dataMin;
        _dataMax = dataMax;
        _pixelStart = pixelStart;
        _pixelEnd = pixelEnd;
        Logarithmic = logarithmic;
        Ticks = ticks;
        TickStep = tickStep;
    }

    public bool Logarithmic { get; }

    public IReadOnlyList<double> Ticks { get; }

    /// <summary>Distance between linear ticks (used to choose label decimals); 1 for logarithmic axes.</summary>
    public double TickStep { get; }

    public static AxisScale Linear(double min, double max, double pixelStart, double pixelEnd, int targetTicks = 6)
    {
        if (max - min < 1e-12)
        {
            // A flat series still needs a visible range around its value.
            var pad = Math.Abs(min) > 0 ? Math.Abs(min) * 0.1 : 1;
            min -= pad;
            max += pad;
        }
        var step = NiceStep((max - min) / Math.Max(1, targetTicks - 1));
        var niceMin = Math.Floor(min / step) * step;
        var niceMax = Math.Ceiling(max / step) * step;
        var ticks = new List<double>();
        for (var t = niceMin; t <= niceMax + step * 1e-6; t += step) ticks.Add(Math.Round(t / step) * step);
        return new AxisScale(niceMin, niceMax, pixelStart, pixelEnd, false, ticks, step);
    }

    public static AxisScale Log10(double min, double max, double pixelStart, double pixelEnd)
    {
        if (min <= 0) throw new ArgumentException("A logarithmic axis needs strictly positive values.");
        var lowExponent = Math.Floor(Math.Log10(min));
        var highExponent = Math.Ceiling(Math.Log10(max));
        if (highExponent == lowExponent) highExponent++;
        var ticks = new List<double>();
        for (var e = lowExponent; e <= highExponent; e++) ticks.Add(Math.Pow(10, e));
        return new AxisScale(lowExponent, highExponent, pixelStart, pixelEnd, true, ticks, 1);
    }

    public double ToPixel(double value)
    {
        var position = Logarithmic ? Math.Log10(value) : value;
        return _pixelStart + (position - _dataMin) / (_dataMax - _dataMin) * (_pixelEnd - _pixelStart);
    }

    public string Label(double tick) => Logarithmic ? Svg.Format(tick) : Svg.FormatTick(tick, TickStep);

    private static double NiceStep(double rough)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var fraction = rough / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}
