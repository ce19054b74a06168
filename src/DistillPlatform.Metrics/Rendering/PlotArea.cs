using System.Xml.Linq;

namespace DistillPlatform.Metrics.Rendering;

/// <summary>The rectangle inside the margins where data is drawn, plus the shared axis drawing of line and bar charts.</summary>
internal sealed record PlotArea(double Left, double Top, double Right, double Bottom)
{
    private const string AxisColour = "#333333";
    private const string GridColour = "#e0e0e0";

    /// <summary>Horizontal grid lines, y tick labels and the y axis title.</summary>
    public void DrawYAxis(XElement svg, AxisScale y, string label)
    {
        foreach (var tick in y.Ticks)
        {
            var py = y.ToPixel(tick);
            svg.Add(Svg.Line(Left, py, Right, py, GridColour));
            svg.Add(Svg.Text(Left - 6, py, y.Label(tick), 11, "end"));
        }
        svg.Add(Svg.Line(Left, Top, Left, Bottom, AxisColour));
        svg.Add(Svg.Text(Left - 48, (Top + Bottom) / 2, label, 12, rotateDegrees: -90));
    }

    /// <summary>Vertical grid lines, x tick labels and the x axis title of a numeric x axis.</summary>
    public void DrawXAxis(XElement svg, AxisScale x, string label)
    {
        foreach (var tick in x.Ticks)
        {
            var px = x.ToPixel(tick);
            svg.Add(Svg.Line(px, Top, px, Bottom, GridColour));
            svg.Add(Svg.Text(px, Bottom + 14, x.Label(tick), 11));
        }
        DrawXBaseline(svg, label);
    }

    public void DrawXBaseline(XElement svg, string label)
    {
        svg.Add(Svg.Line(Left, Bottom, Right, Bottom, AxisColour));
        if (label.Length > 0) svg.Add(Svg.Text((Left + Right) / 2, Bottom + 36, label, 12));
    }

    /// <summary>A vertical error bar from value − error to value + error with short caps.</summary>
    public static void DrawErrorBar(XElement svg, double px, double pyLow, double pyHigh, string colour)
    {
        const double capHalfWidth = 4;
        svg.Add(Svg.Line(px, pyLow, px, pyHigh, colour, 1.5));
        svg.Add(Svg.Line(px - capHalfWidth, pyLow, px + capHalfWidth, pyLow, colour, 1.5));
        svg.Add(Svg.Line(px - capHalfWidth, pyHigh, px + capHalfWidth, pyHigh, colour, 1.5));
    }
}
