using DistillPlatform.Dashboard.Telemetry;

namespace DistillPlatform.Dashboard.Traces;

/// <summary>
/// One trace laid out for a waterfall chart: spans in depth-first order (each parent directly above its children,
/// siblings by start time), each with its nesting depth and its offset and length on the trace's time axis.
/// Spans whose parent was never received are shown as roots, flagged <see cref="WaterfallRow.ParentMissing"/>.
/// </summary>
public sealed record TraceWaterfall(
    string TraceId,
    DateTimeOffset Start,
    double DurationMs,
    IReadOnlyList<string> Services,
    IReadOnlyList<WaterfallRow> Rows)
{
    /// <summary>Builds the waterfall of the spans of one trace.</summary>
    /// <exception cref="ArgumentException">No spans, or spans of more than one trace.</exception>
    public static TraceWaterfall Build(IReadOnlyCollection<SpanData> spans)
    {
        if (spans.Count == 0) throw new ArgumentException("A trace waterfall needs at least one span.", nameof(spans));
        var traceIds = spans.Select(s => s.TraceId).Distinct().ToArray();
        if (traceIds.Length != 1)
        {
            throw new ArgumentException($"A waterfall shows one trace; got spans of {traceIds.Length} traces.", nameof(spans));
        }

        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        var byId = new Dictionary<string, SpanData>(StringComparer.Ordinal);
        foreach (var span in spans) byId.TryAdd(span.SpanId, span); // a resent span keeps its first copy
        var children = byId.Values
            .Where(s => s.ParentSpanId is not null && byId.ContainsKey(s.ParentSpanId))
            .ToLookup(s => s.ParentSpanId!);
        var roots = byId.Values.Where(s => s.ParentSpanId is null || !byId.ContainsKey(s.ParentSpanId));

        var rows = new List<WaterfallRow>(byId.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in ByStart(roots)) Place(root, 0);
        // Spans only reachable through a parent cycle (malformed input) would otherwise vanish; show them as roots.
        foreach (var span in ByStart(byId.Values.Where(s => !placed.Contains(s.SpanId)))) Place(span, 0);

        return new TraceWaterfall(traceIds[0], start, Math.Max(0, (end - start).TotalMilliseconds),
            rows.Select(r => r.Span.Service).Distinct().ToArray(), rows);

        void Place(SpanData span, int depth)
        {
            if (!placed.Add(span.SpanId)) return;
            var parentMissing = span.ParentSpanId is not null && !byId.ContainsKey(span.ParentSpanId);
            rows.Add(new WaterfallRow(span, depth, (span.Start - start).TotalMilliseconds, span.Duration.TotalMilliseconds, parentMissing));
            foreach (var child in ByStart(children[span.SpanId])) Place(child, depth + 1);
        }

        static IEnumerable<SpanData> ByStart(IEnumerable<SpanData> items) =>
            items.OrderBy(s => s.Start).ThenBy(s => s.SpanId, StringComparer.Ordinal);
    }
}

/// <summary>One bar of a waterfall: the span, its nesting depth, and where it sits on the trace's time axis.</summary>
public sealed record WaterfallRow(SpanData Span, int Depth, double OffsetMs, double DurationMs, bool ParentMissing);
