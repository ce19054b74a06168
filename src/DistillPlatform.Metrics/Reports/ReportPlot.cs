namespace DistillPlatform.Metrics.Reports;

/// <summary>One standalone SVG plot of a report, with the file name under which report.md links to it.</summary>
public sealed record ReportPlot(string FileName, string Title, string Svg);
