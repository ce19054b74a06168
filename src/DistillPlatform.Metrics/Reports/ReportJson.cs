using System.Text.Encodings.Web;
using System.Text.Json;

namespace DistillPlatform.Metrics.Reports;

/// <summary>
/// Reads and writes report.json. Writing then reading then writing gives the same text (numbers are written in their
/// shortest round-trip form). Reading checks <c>formatVersion</c> first, so a report from a newer or older format fails
/// with a message about the version instead of an obscure field error.
/// </summary>
public static class ReportJson
{
    /// <summary>
    /// The generated context with relaxed escaping: report.json is a file, never inlined into HTML, so characters such as
    /// '+' in "+div+sml" or non-ASCII class names are written as themselves instead of \uXXXX escapes, keeping it readable.
    /// </summary>
    private static readonly ReportJsonContext Context = new(
        new JsonSerializerOptions(ReportJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public static string Serialize(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Context.EvaluationReport);
    }

    public static string Serialize(PipelineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Context.PipelineReport);
    }

    /// <exception cref="JsonException">The text is not a valid evaluation report.</exception>
    /// <exception cref="NotSupportedException">The report has a format version this build does not read.</exception>
    public static EvaluationReport DeserializeEvaluation(string json)
    {
        RequireFormatVersion(json, EvaluationReport.CurrentFormatVersion, "evaluation report");
        return JsonSerializer.Deserialize(json, Context.EvaluationReport)
               ?? throw new JsonException("The evaluation report JSON is 'null'.");
    }

    /// <exception cref="JsonException">The text is not a valid pipeline report.</exception>
    /// <exception cref="NotSupportedException">The report has a format version this build does not read.</exception>
    public static PipelineReport DeserializePipeline(string json)
    {
        RequireFormatVersion(json, PipelineReport.CurrentFormatVersion, "pipeline report");
        return JsonSerializer.Deserialize(json, Context.PipelineReport)
               ?? throw new JsonException("The pipeline report JSON is 'null'.");
    }

    private static void RequireFormatVersion(string json, int supported, string what)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("formatVersion", out var version)
            || version.ValueKind != JsonValueKind.Number)
        {
            throw new JsonException($"This is not a {what}: the JSON object has no numeric 'formatVersion' field.");
        }
        if (!version.TryGetInt32(out var found) || found != supported)
        {
            throw new NotSupportedException(
                $"The {what} has format version {version.GetRawText()}, but this build reads version {supported} only.");
        }
    }
}
