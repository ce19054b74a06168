using System.Text;

namespace DistillPlatform.Metrics.Reports;

/// <summary>Writes a report as a folder: report.json (machine-readable), report.md (for people) and the SVG plots it links.</summary>
public static class ReportFiles
{
    public const string JsonFileName = "report.json";
    public const string MarkdownFileName = "report.md";

    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <returns>Full paths of the files written, JSON first.</returns>
    public static Task<IReadOnlyList<string>> WriteAsync(EvaluationReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return WriteAsync(directory, ReportJson.Serialize(report), EvaluationReportMarkdown.Render(report),
            EvaluationReportPlots.Render(report), cancellationToken);
    }

    /// <returns>Full paths of the files written, JSON first.</returns>
    public static Task<IReadOnlyList<string>> WriteAsync(PipelineReport report, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return WriteAsync(directory, ReportJson.Serialize(report), PipelineReportMarkdown.Render(report),
            PipelineReportPlots.Render(report), cancellationToken);
    }

    private static async Task<IReadOnlyList<string>> WriteAsync(
        string directory, string json, string markdown, IReadOnlyList<ReportPlot> plots, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("Give the directory to write the report into.", nameof(directory));
        Directory.CreateDirectory(directory);

        var files = new List<(string Name, string Content)> { (JsonFileName, json), (MarkdownFileName, markdown) };
        files.AddRange(plots.Select(p => (p.FileName, p.Svg)));
        var written = new List<string>();
        foreach (var (name, content) in files)
        {
            var path = Path.GetFullPath(Path.Combine(directory, name));
            await File.WriteAllTextAsync(path, content, Utf8WithoutBom, cancellationToken).ConfigureAwait(false);
            written.Add(path);
        }
        return written;
    }
}
