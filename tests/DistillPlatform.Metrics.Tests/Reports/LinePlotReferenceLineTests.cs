using System.Globalization;
using System.Xml.Linq;
using DistillPlatform.Metrics.Rendering;

namespace DistillPlatform.Metrics.Tests.Reports;

/// <summary>The reference-line addition to <see cref="LinePlot"/> that the pipeline plot draws the real baseline with.</summary>
public class LinePlotReferenceLineTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    [Fact]
    public void Y_axis_extends_to_a_reference_above_every_series()
    {
        var plot = new LinePlot("t", "x", "y", [new LineSeries("s", [new PlotPoint(1, 0.2), new PlotPoint(2, 0.3)])])
        {
            ReferenceLines = [new HorizontalReference("baseline", 0.9)],
        };
        var root = XDocument.Parse(plot.Render()).Root!;

        var reference = Assert.Single(root.Descendants(SvgNs + "g"), g => (string?)g.Attribute("class") == "reference");
        var lineY = double.Parse(reference.Element(SvgNs + "line")!.Attribute("y1")!.Value, CultureInfo.InvariantCulture);
        var circleYs = root.Descendants(SvgNs + "circle").Select(c => double.Parse(c.Attribute("cy")!.Value, CultureInfo.InvariantCulture));
        Assert.All(circleYs, cy => Assert.True(lineY < cy, "the higher reference is drawn above the points"));
        Assert.InRange(lineY, 44, 420 - 56); // inside the plot area
        Assert.Null(reference.Element(SvgNs + "rect"));
        Assert.Contains("baseline", root.Descendants(SvgNs + "text").Select(t => t.Value));
    }

    [Fact]
    public void Plot_without_references_is_unchanged_in_structure()
    {
        var root = XDocument.Parse(new LinePlot("t", "x", "y", [new LineSeries("s", [new PlotPoint(1, 0.2)])]).Render()).Root!;

        Assert.DoesNotContain(root.Descendants(SvgNs + "g"), g => (string?)g.Attribute("class") == "reference");
    }

    [Fact]
    public void Invalid_reference_is_rejected()
    {
        var plot = new LinePlot("t", "x", "y", [new LineSeries("s", [new PlotPoint(1, 0.2)])])
        {
            ReferenceLines = [new HorizontalReference("bad", 0.5, -1)],
        };

        Assert.Contains("'bad'", Assert.Throws<ArgumentException>(() => plot.Render()).Message);
    }
}
