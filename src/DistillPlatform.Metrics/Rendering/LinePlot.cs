using System.Xml.Linq;

namespace DistillPlatform.Metrics.Rendering;

/// <summary>
/// Several series of (x, y ± error) as lines with markers, error bars and a legend; e.g. UAR against points per class
/// for synthetic versus real training data. Optional <see cref="ReferenceLines"/> draw constant levels across the whole
/// x range (e.g. the UAR of the real-data baseline, which has no points-per-class value of its own).
/// </summary>
public sealed record LinePlot(
    string Title,
    string XLabel,
    string YLabel,
    IReadOnlyList<LineSeries> Series,
    bool LogarithmicX = false,
    double Width = 640,
    double Height = 420)
{
    /// <summary>Horizontal dashed lines (with an optional shaded ± band), drawn behind the series and listed in the legend.</summary>
    public IReadOnlyList<HorizontalReference> ReferenceLines { get; init; } = [];

    public string Render()
    {
        Validate();
        var svg = Svg.Document(Width, Height, Title);
        svg.Add(Svg.Text(Width / 2, 22, Title, 15, weight: "bold"));

        const double legendWidth = 150;
        var area = new PlotArea(Left: 70, Top: 44, Right: Width - legendWidth - 10, Bottom: Height - 56);
        var points = Series.SelectMany(s => s.Points).ToArray();
        var xs = points.Select(p => p.X).ToArray();
        var x = LogarithmicX
            ? AxisScale.Log10(xs.Min(), xs.Max(), area.Left, area.Right)
            : AxisScale.Linear(xs.Min(), xs.Max(), area.Left, area.Right);
        // The y range covers the references too, so a baseline above every series is still visible.
        var lows = points.Select(p => p.Y - (p.Error ?? 0)).Concat(ReferenceLines.Select(r => r.Y - (r.Band ?? 0)));
        var highs = points.Select(p => p.Y + (p.Error ?? 0)).Concat(ReferenceLines.Select(r => r.Y + (r.Band ?? 0)));
        var y = AxisScale.Linear(lows.Min(), highs.Max(), area.Bottom, area.Top);

        area.DrawYAxis(svg, y, YLabel);
        area.DrawXAxis(svg, x, XLabel);

        for (var r = 0; r < ReferenceLines.Count; r++)
        {
            var reference = ReferenceLines[r];
            var colour = ReferenceColours[r % ReferenceColours.Length];
            var group = new XElement(Svg.Namespace + "g", new XAttribute("class", "reference"), new XAttribute("data-name", reference.Name));
            if (reference.Band is { } band)
            {
                var top = y.ToPixel(reference.Y + band);
                group.Add(Svg.Rect(area.Left, top, area.Right - area.Left, y.ToPixel(reference.Y - band) - top, colour)
                    .WithAttribute("fill-opacity", "0.12"));
            }
            var py = y.ToPixel(reference.Y);
            group.Add(Svg.Line(area.Left, py, area.Right, py, colour, 2).WithAttribute("stroke-dasharray", "6 4"));
            svg.Add(group);

            // Reference entries go below the series entries in the legend.
            var legendY = area.Top + 10 + (Series.Count + r) * 20;
            svg.Add(Svg.Line(area.Right + 16, legendY, area.Right + 40, legendY, colour, 2).WithAttribute("stroke-dasharray", "6 4"));
            svg.Add(Svg.Text(area.Right + 46, legendY, reference.Name, 12, "start"));
        }

        for (var s = 0; s < Series.Count; s++)
        {
            var colour = Svg.Palette[s % Svg.Palette.Length];
            var group = new XElement(Svg.Namespace + "g", new XAttribute("class", "series"), new XAttribute("data-name", Series[s].Name));
            var ordered = Series[s].Points.OrderBy(p => p.X).ToArray();
            group.Add(Svg.Polyline(ordered.Select(p => (x.ToPixel(p.X), y.ToPixel(p.Y))), colour));
            foreach (var point in ordered)
            {
                var px = x.ToPixel(point.X);
                if (point.Error is { } error)
                {
                    PlotArea.DrawErrorBar(group, px, y.ToPixel(point.Y - error), y.ToPixel(point.Y + error), colour);
                }
                group.Add(Svg.Circle(px, y.ToPixel(point.Y), 3.5, colour));
            }
            svg.Add(group);

            var legendY = area.Top + 10 + s * 20;
            svg.Add(Svg.Line(area.Right + 16, legendY, area.Right + 40, legendY, colour, 2));
            svg.Add(Svg.Text(area.Right + 46, legendY, Series[s].Name, 12, "start"));
        }
        return Svg.Serialize(svg);
    }

    /// <summary>Greys and black, so references never share a colour with a data series.</summary>
    private static readonly string[] ReferenceColours = ["#444444", "#888888", "#000000"];

    private void Validate()
    {
        if (Series is null || Series.Count == 0) throw new ArgumentException("A line plot needs at least one series.");
        ArgumentNullException.ThrowIfNull(ReferenceLines);
        var badReference = ReferenceLines.FirstOrDefault(r => !double.IsFinite(r.Y) || r.Band is { } b && (!double.IsFinite(b) || b < 0));
        if (badReference is not null)
        {
            throw new ArgumentException($"Reference line '{badReference.Name}' has a level that is not finite or a negative band: {badReference}.");
        }
        foreach (var series in Series)
        {
            if (series.Points.Count == 0) throw new ArgumentException($"Series '{series.Name}' has no points.");
            foreach (var point in series.Points)
            {
                if (!double.IsFinite(point.X) || !double.IsFinite(point.Y) || point.Error is { } e && (!double.IsFinite(e) || e < 0))
                {
                    throw new ArgumentException($"Series '{series.Name}' has a point that is not finite or has a negative error: {point}.");
                }
                if (LogarithmicX && point.X <= 0)
                {
                    throw new ArgumentException($"Series '{series.Name}' has x = {point.X}; a logarithmic x axis needs x > 0.");
                }
            }
        }
    }
}
