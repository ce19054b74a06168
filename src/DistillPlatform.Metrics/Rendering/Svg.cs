using System.Globalization;
using System.Xml.Linq;

namespace DistillPlatform.Metrics.Rendering;

/// <summary>
/// Small helpers for building standalone SVG with System.Xml.Linq: the XML writer does the escaping of class names
/// and titles, so the output is always well-formed without any plotting dependency.
/// </summary>
internal static class Svg
{
    public static readonly XNamespace Namespace = "http://www.w3.org/2000/svg";

    public const string FontFamily = "DejaVu Sans, Arial, Helvetica, sans-serif";

    /// <summary>Colour-blind-friendly palette (Okabe–Ito), cycled for series and bars.</summary>
    public static readonly string[] Palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"];

    public static XElement Document(double width, double height, string title) =>
        new(Namespace + "svg",
            new XAttribute("width", Format(width)),
            new XAttribute("height", Format(height)),
            new XAttribute("viewBox", $"0 0 {Format(width)} {Format(height)}"),
            new XAttribute("font-family", FontFamily),
            new XElement(Namespace + "title", title),
            Rect(0, 0, width, height, "#ffffff"));

    public static string Serialize(XElement root) =>
        new XDocument(new XDeclaration("1.0", "utf-8", null), root).Declaration + "\n" + root.ToString(SaveOptions.None) + "\n";

    public static XElement Rect(double x, double y, double width, double height, string fill, string? stroke = null) =>
        new(Namespace + "rect",
            new XAttribute("x", Format(x)), new XAttribute("y", Format(y)),
            new XAttribute("width", Format(width)), new XAttribute("height", Format(height)),
            new XAttribute("fill", fill),
            stroke is null ? null : new XAttribute("stroke", stroke));

    public static XElement Line(double x1, double y1, double x2, double y2, string stroke, double strokeWidth = 1) =>
        new(Namespace + "line",
            new XAttribute("x1", Format(x1)), new XAttribute("y1", Format(y1)),
            new XAttribute("x2", Format(x2)), new XAttribute("y2", Format(y2)),
            new XAttribute("stroke", stroke), new XAttribute("stroke-width", Format(strokeWidth)));

    public static XElement Text(double x, double y, string text, double fontSize = 12, string anchor = "middle",
        string fill = "#000000", string? weight = null, double rotateDegrees = 0) =>
        new(Namespace + "text",
            new XAttribute("x", Format(x)), new XAttribute("y", Format(y)),
            new XAttribute("font-size", Format(fontSize)),
            new XAttribute("text-anchor", anchor),
            new XAttribute("dominant-baseline", "middle"),
            new XAttribute("fill", fill),
            weight is null ? null : new XAttribute("font-weight", weight),
            rotateDegrees == 0 ? null : new XAttribute("transform", $"rotate({Format(rotateDegrees)} {Format(x)} {Format(y)})"),
            text);

    public static XElement Circle(double cx, double cy, double radius, string fill) =>
        new(Namespace + "circle",
            new XAttribute("cx", Format(cx)), new XAttribute("cy", Format(cy)),
            new XAttribute("r", Format(radius)), new XAttribute("fill", fill));

    public static XElement Polyline(IEnumerable<(double X, double Y)> points, string stroke, double strokeWidth = 2) =>
        new(Namespace + "polyline",
            new XAttribute("points", string.Join(" ", points.Select(p => $"{Format(p.X)},{Format(p.Y)}"))),
            new XAttribute("fill", "none"),
            new XAttribute("stroke", stroke), new XAttribute("stroke-width", Format(strokeWidth)));

    /// <summary>Adds one attribute and returns the element, for styling a shape built by the helpers above.</summary>
    public static XElement WithAttribute(this XElement element, string name, string value)
    {
        element.SetAttributeValue(name, value);
        return element;
    }

    /// <summary>Coordinates with at most two decimals, invariant culture (SVG needs '.' as the decimal point).</summary>
    public static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Tick labels: as few digits as the tick step needs.</summary>
    public static string FormatTick(double value, double step)
    {
        var decimals = Math.Max(0, (int)Math.Ceiling(-Math.Log10(step) - 1e-9));
        return value.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }
}
