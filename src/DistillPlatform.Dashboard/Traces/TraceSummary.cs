using DistillPlatform.Dashboard.Telemetry;

namespace DistillPlatform.Dashboard.Traces;

/// <summary>One line of the trace list.</summary>
/// <param name="RootName">Name of the trace's root span, or of its earliest span whose parent was never received
/// (e.g. the root lives in a process that does not export to this dashboard).</param>
/// <param name="Services">Every service that contributed a span, in order of first appearance.</param>
/// <param name="ErrorCount">Spans with an error status.</param>
public sealed record TraceSummary(
    string TraceId,
    string RootName,
    string RootService,
    IReadOnlyList<string> Services,
    int SpanCount,
    DateTimeOffset Start,
    double DurationMs,
    int ErrorCount)
{
    /// <summary>Groups spans by trace id and summarises each trace, newest first.</summary>
    public static IReadOnlyList<TraceSummary> FromSpans(IEnumerable<SpanData> spans) =>
        spans.GroupBy(s => s.TraceId)
            .Select(trace => Summarise(trace.Key, trace.ToList()))
            .OrderByDescending(t => t.Start)
            .ToArray();

    private static TraceSummary Summarise(string traceId, IReadOnlyList<SpanData> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start)
                   ?? spans.MinBy(s => s.Start)!;
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        return new TraceSummary(
            traceId,
            root.Name,
            root.Service,
            spans.OrderBy(s => s.Start).Select(s => s.Service).Distinct().ToArray(),
            spans.Count,
            start,
            Math.Max(0, (end - start).TotalMilliseconds),
            spans.Count(s => s.Status == SpanStatus.Error));
    }
}
