using System.Xml.Linq;

namespace DistillPlatform.Metrics.Rendering;

/// <summary>Vertical bars with optional ± error bars; e.g. UAR per training set. The y axis always includes 0.</summary>
public sealed record BarChart(string Title, string YLabel, IReadOnlyList<Bar> Bars, double Width = 560, double Height = 400)
{
    public string Render()
    {
        if (Bars is null || Bars.Count == 0) throw new ArgumentException("A bar chart needs at least one bar.");
        var invalid = Bars.FirstOrDefault(b => !double.IsFinite(b.Value) || b.Error is { } e && (!double.IsFinite(e) || e < 0));
        if (invalid is not null) throw new ArgumentException($"Bar '{invalid.Label}' has a value that is not finite or a negative error.");

        var svg = Svg.Document(Width, Height, Title);
        svg.Add(Svg.Text(Width / 2, 22, Title, 15, weight: "bold"));
        var area = new PlotArea(Left: 70, Top: 44, Right: Width - 20, Bottom: Height - 56);
        var y = AxisScale.Linear(
            Math.Min(0, Bars.Min(b => b.Value - (b.Error ?? 0))),
            Math.Max(0, Bars.Max(b => b.Value + (b.Error ?? 0))),
            area.Bottom, area.Top);
        area.DrawYAxis(svg, y, YLabel);

        var slot = (area.Right - area.Left) / Bars.Count;
        var barWidth = slot * 0.6;
        var zero = y.ToPixel(0);
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var colour = Svg.Palette[i % Svg.Palette.Length];
            var centre = area.Left + slot * (i + 0.5);
            var top = y.ToPixel(bar.Value);
            var group = new XElement(Svg.Namespace + "g", new XAttribute("class", "bar"), new XAttribute("data-label", bar.Label));
            group.Add(Svg.Rect(centre - barWidth / 2, Math.Min(top, zero), barWidth, Math.Abs(zero - top), colour));
            if (bar.Error is { } error)
            {
                PlotArea.DrawErrorBar(group, centre, y.ToPixel(bar.Value - error), y.ToPixel(bar.Value + error), "#222222");
            }
            svg.Add(group);
            svg.Add(Svg.Text(centre, area.Bottom + 14, bar.Label, 11));
        }
        area.DrawXBaseline(svg, string.Empty);
        return Svg.Serialize(svg);
    }
}
