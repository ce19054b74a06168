using System.Globalization;
using DistillPlatform.Metrics.Classification;

namespace DistillPlatform.Metrics.Rendering;

/// <summary>
/// Confusion matrix as an SVG heatmap: rows are true classes, columns predicted classes. Each cell's shade is its
/// share of the row (the per-class recall on the diagonal), so rare classes are as readable as frequent ones; the
/// cell text shows the raw count.
/// </summary>
public static class ConfusionMatrixHeatmap
{
    private const double CellSize = 64;
    private const double LeftMargin = 110;
    private const double TopMargin = 70;
    private const double RightMargin = 20;
    private const double BottomMargin = 60;

    public static string Render(ConfusionMatrix confusion, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(confusion);
        var n = confusion.ClassCount;
        var width = LeftMargin + n * CellSize + RightMargin;
        var height = TopMargin + n * CellSize + BottomMargin;
        var svg = Svg.Document(width, height, title);

        svg.Add(Svg.Text(width / 2, 22, title, 15, weight: "bold"));
        svg.Add(Svg.Text(LeftMargin + n * CellSize / 2, TopMargin - 34, "predicted", 12));
        svg.Add(Svg.Text(22, TopMargin + n * CellSize / 2, "true", 12, rotateDegrees: -90));

        for (var t = 0; t < n; t++)
        {
            var rowTotal = confusion.Support(t);
            var y = TopMargin + t * CellSize;
            svg.Add(Svg.Text(LeftMargin - 8, y + CellSize / 2, confusion.ClassNames[t], 12, "end"));
            for (var p = 0; p < n; p++)
            {
                var x = LeftMargin + p * CellSize;
                var share = rowTotal == 0 ? 0 : (double)confusion[t, p] / rowTotal;
                svg.Add(Svg.Rect(x, y, CellSize, CellSize, Shade(share), "#ffffff"));
                // Dark cells get white text so the count stays legible.
                var textColour = share > 0.5 ? "#ffffff" : "#000000";
                svg.Add(Svg.Text(x + CellSize / 2, y + CellSize / 2, confusion[t, p].ToString(CultureInfo.InvariantCulture), 14, fill: textColour));
            }
        }
        for (var p = 0; p < n; p++)
        {
            svg.Add(Svg.Text(LeftMargin + p * CellSize + CellSize / 2, TopMargin - 12, confusion.ClassNames[p], 12));
        }
        svg.Add(Svg.Text(LeftMargin + n * CellSize / 2, TopMargin + n * CellSize + 24,
            "shade = share of the true class's examples", 10, fill: "#555555"));
        return Svg.Serialize(svg);
    }

    /// <summary>White (0) to dark blue (1), linear in RGB.</summary>
    private static string Shade(double share)
    {
        static int Mix(int from, int to, double t) => (int)Math.Round(from + (to - from) * t);
        var t = Math.Clamp(share, 0, 1);
        return $"#{Mix(0xff, 0x08, t):x2}{Mix(0xff, 0x30, t):x2}{Mix(0xff, 0x6b, t):x2}";
    }
}
