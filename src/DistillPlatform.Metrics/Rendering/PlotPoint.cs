namespace DistillPlatform.Metrics.Rendering;

/// <summary>One point of a line series; <paramref name="Error"/> is drawn as ± error bar (e.g. the std over repeats).</summary>
public sealed record PlotPoint(double X, double Y, double? Error = null);

/// <summary>A named line, e.g. "synthetic" or "real".</summary>
public sealed record LineSeries(string Name, IReadOnlyList<PlotPoint> Points);

/// <summary>One bar with an optional ± error.</summary>
public sealed record Bar(string Label, double Value, double? Error = null);

/// <summary>A constant level drawn across a line plot, e.g. a baseline; <paramref name="Band"/> shades ± band around it.</summary>
public sealed record HorizontalReference(string Name, double Y, double? Band = null);
