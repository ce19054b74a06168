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
    private const double MinCellSize = 64;
    private const double MinLeftMargin = 110;

    /// <summary>Rough width of one character at the 12 px label size, used to keep long class names from overlapping.</summary>
    private const double LabelCharWidth = 7.5;

    private const double TopMargin = 84;
    private const double RightMargin = 20;
    private const double BottomMargin = 60;

    public static string Render(ConfusionMatrix confusion, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(confusion);
        var n = confusion.ClassCount;
        var longestName = confusion.ClassNames.Max(name => name.Length);
        var cellSize = Math.Max(MinCellSize, longestName * LabelCharWidth + 8);
        var leftMargin = Math.Max(MinLeftMargin, longestName * LabelCharWidth + 48);
        var width = leftMargin + n * cellSize + RightMargin;
        var height = TopMargin + n * cellSize + BottomMargin;
        var svg = Svg.Document(width, height, title);

        svg.Add(Svg.Text(width / 2, 22, title, 15, weight: "bold"));
        svg.Add(Svg.Text(leftMargin + n * cellSize / 2, TopMargin - 34, "predicted", 12));
        svg.Add(Svg.Text(22, TopMargin + n * cellSize / 2, "true", 12, rotateDegrees: -90));

        for (var t = 0; t < n; t++)
        {
            var rowTotal = confusion.Support(t);
            var y = TopMargin + t * cellSize;
            svg.Add(Svg.Text(leftMargin - 8, y + cellSize / 2, confusion.ClassNames[t], 12, "end"));
            for (var p = 0; p < n; p++)
            {
                var x = leftMargin + p * cellSize;
                var share = rowTotal == 0 ? 0 : (double)confusion[t, p] / rowTotal;
                svg.Add(Svg.Rect(x, y, cellSize, cellSize, Shade(share), "#ffffff"));
                // Dark cells get white text so the count stays legible.
                var textColour = share > 0.5 ? "#ffffff" : "#000000";
                svg.Add(Svg.Text(x + cellSize / 2, y + cellSize / 2, confusion[t, p].ToString(CultureInfo.InvariantCulture), 14, fill: textColour));
            }
        }
        for (var p = 0; p < n; p++)
        {
            svg.Add(Svg.Text(leftMargin + p * cellSize + cellSize / 2, TopMargin - 12, confusion.ClassNames[p], 12));
        }
        svg.Add(Svg.Text(leftMargin + n * cellSize / 2, TopMargin + n * cellSize + 24,
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
