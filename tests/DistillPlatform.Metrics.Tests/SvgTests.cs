using System.Globalization;
using System.Xml.Linq;
using DistillPlatform.Metrics.Classification;
using DistillPlatform.Metrics.Rendering;

namespace DistillPlatform.Metrics.Tests;

public class SvgTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    /// <summary>Parses as XML (throws if not well-formed) and checks it is a standalone SVG document.</summary>
    private static XElement ParseSvg(string svg)
    {
        Assert.StartsWith("<?xml", svg);
        var root = XDocument.Parse(svg).Root!;
        Assert.Equal(SvgNs + "svg", root.Name);
        Assert.NotNull(root.Attribute("viewBox"));
        Assert.NotNull(root.Attribute("width"));
        return root;
    }

    private static string[] Texts(XElement root) => root.Descendants(SvgNs + "text").Select(t => t.Value).ToArray();

    [Fact]
    public void Heatmap_has_one_cell_per_class_pair_with_counts_and_class_names()
    {
        var confusion = ConfusionMatrix.FromCounts(["neutral", "happy", "sad <&> angry"], new[,] { { 9, 1, 0 }, { 2, 6, 2 }, { 0, 3, 7 } });

        var root = ParseSvg(ConfusionMatrixHeatmap.Render(confusion, "Test & check"));

        // One background rectangle plus 3 x 3 cells.
        Assert.Equal(1 + 9, root.Descendants(SvgNs + "rect").Count());
        var texts = Texts(root);
        foreach (var count in new[] { "9", "1", "0", "2", "6", "3", "7" }) Assert.Contains(count, texts);
        // Each class name labels a row and a column; markup characters survive escaping.
        Assert.Equal(2, texts.Count(t => t == "sad <&> angry"));
        Assert.Equal(2, texts.Count(t => t == "neutral"));
        Assert.Equal("Test & check", root.Element(SvgNs + "title")!.Value);
    }

    [Fact]
    public void Heatmap_diagonal_of_a_perfect_classifier_is_darkest()
    {
        var confusion = ConfusionMatrix.FromCounts(["a", "b"], new[,] { { 5, 0 }, { 0, 5 } });
        var cells = ParseSvg(ConfusionMatrixHeatmap.Render(confusion)).Descendants(SvgNs + "rect").Skip(1)
            .Select(r => r.Attribute("fill")!.Value).ToArray();

        // Row-major cells: (a,a) (a,b) (b,a) (b,b). Full share is the darkest blue, zero share is white.
        Assert.Equal(["#08306b", "#ffffff", "#ffffff", "#08306b"], cells);
    }

    [Fact]
    public void Heatmap_cells_widen_for_long_class_names()
    {
        var shortNames = ConfusionMatrix.FromCounts(["a", "b"], new[,] { { 1, 0 }, { 0, 1 } });
        var longNames = ConfusionMatrix.FromCounts(["a rather long class name", "b"], new[,] { { 1, 0 }, { 0, 1 } });

        double CellWidth(ConfusionMatrix m) => double.Parse(
            ParseSvg(ConfusionMatrixHeatmap.Render(m)).Descendants(SvgNs + "rect").Skip(1).First().Attribute("width")!.Value,
            CultureInfo.InvariantCulture);

        Assert.Equal(64, CellWidth(shortNames));
        Assert.True(CellWidth(longNames) > 24 * 7, "a 24-character column label needs a cell wider than its text");
    }

    [Fact]
    public void Line_plot_draws_each_series_with_markers_error_bars_and_a_legend()
    {
        var plot = new LinePlot(
            "UAR vs points per class", "points per class", "UAR",
            [
                new LineSeries("synthetic", [new PlotPoint(1, 0.40, 0.05), new PlotPoint(10, 0.55, 0.03), new PlotPoint(100, 0.62, 0.02)]),
                new LineSeries("real", [new PlotPoint(1, 0.30, 0.06), new PlotPoint(10, 0.50, 0.04), new PlotPoint(100, 0.66, 0.01)]),
            ],
            LogarithmicX: true);

        var root = ParseSvg(plot.Render());

        var series = root.Descendants(SvgNs + "g").Where(g => (string?)g.Attribute("class") == "series").ToArray();
        Assert.Equal(["synthetic", "real"], series.Select(g => g.Attribute("data-name")!.Value));
        foreach (var group in series)
        {
            Assert.Single(group.Elements(SvgNs + "polyline"));
            Assert.Equal(3, group.Elements(SvgNs + "circle").Count());
            Assert.Equal(3 * 3, group.Elements(SvgNs + "line").Count()); // each error bar: stem + two caps
        }
        var texts = Texts(root);
        Assert.Contains("synthetic", texts);
        Assert.Contains("real", texts);
        Assert.Contains("points per class", texts);
        // Logarithmic axis ticks at powers of ten.
        Assert.Contains("1", texts);
        Assert.Contains("10", texts);
        Assert.Contains("100", texts);
    }

    [Fact]
    public void Line_plot_places_higher_values_higher_on_the_page()
    {
        var plot = new LinePlot("t", "x", "y", [new LineSeries("s", [new PlotPoint(0, 0.2), new PlotPoint(1, 0.8)])]);
        var circles = ParseSvg(plot.Render()).Descendants(SvgNs + "circle")
            .Select(c => double.Parse(c.Attribute("cy")!.Value, CultureInfo.InvariantCulture)).ToArray();

        // SVG y grows downwards.
        Assert.True(circles[1] < circles[0]);
    }

    [Fact]
    public void Bar_chart_bar_heights_are_proportional_to_values_from_zero()
    {
        var chart = new BarChart("UAR per training set", "UAR",
            [new Bar("real", 0.8, 0.02), new Bar("synthetic", 0.4, 0.05), new Bar("random", 0.2)]);

        var root = ParseSvg(chart.Render());

        var bars = root.Descendants(SvgNs + "g").Where(g => (string?)g.Attribute("class") == "bar").ToArray();
        Assert.Equal(["real", "synthetic", "random"], bars.Select(b => b.Attribute("data-label")!.Value));
        var heights = bars.Select(b => double.Parse(b.Element(SvgNs + "rect")!.Attribute("height")!.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(2.0, heights[0] / heights[1], 2);
        Assert.Equal(2.0, heights[1] / heights[2], 2);
        Assert.Equal(3, bars[0].Elements(SvgNs + "line").Count());
        Assert.Empty(bars[2].Elements(SvgNs + "line"));
        Assert.Contains("synthetic", Texts(root));
    }

    [Fact]
    public void Plots_reject_input_they_cannot_draw()
    {
        Assert.Contains("at least one series", Assert.Throws<ArgumentException>(() => new LinePlot("t", "x", "y", []).Render()).Message);
        Assert.Contains("x > 0", Assert.Throws<ArgumentException>(() =>
            new LinePlot("t", "x", "y", [new LineSeries("s", [new PlotPoint(0, 1)])], LogarithmicX: true).Render()).Message);
        Assert.Contains("'bad'", Assert.Throws<ArgumentException>(() => new BarChart("t", "y", [new Bar("bad", double.NaN)]).Render()).Message);
    }
}
