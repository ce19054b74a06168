using DistillPlatform.Dashboard.Telemetry;
using DistillPlatform.Dashboard.Traces;

namespace DistillPlatform.Dashboard.Tests;

public sealed class TraceWaterfallTests
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// gateway "relay" 0-100 ms
    ///   extraction "consume" 10-60 ms
    ///     pool "ping" 20-30 ms
    ///   gateway "reply" 70-90 ms
    /// pool "late" 5-15 ms, whose parent "ffff..." was never received
    /// </summary>
    private static readonly SpanData[] Trace =
    [
        Span("d4", "a1", "reply", "gateway", 70, 90),
        Span("c3", "b2", "ping", "pool", 20, 30),
        Span("a1", null, "relay", "gateway", 0, 100),
        Span("e5", "ffffffffffffffff", "late", "pool", 5, 15),
        Span("b2", "a1", "consume", "extraction", 10, 60, SpanStatus.Error),
    ];

    [Fact]
    public void Spans_are_ordered_depth_first_with_children_under_their_parent_by_start_time()
    {
        var waterfall = TraceWaterfall.Build(Trace);

        Assert.Equal(["a1", "b2", "c3", "d4", "e5"], waterfall.Rows.Select(r => r.Span.SpanId));
        Assert.Equal([0, 1, 2, 1, 0], waterfall.Rows.Select(r => r.Depth));
        Assert.Equal([false, false, false, false, true], waterfall.Rows.Select(r => r.ParentMissing));
    }

    [Fact]
    public void Bars_are_placed_on_the_trace_time_axis()
    {
        var waterfall = TraceWaterfall.Build(Trace);

        Assert.Equal(T0, waterfall.Start);
        Assert.Equal(100, waterfall.DurationMs, precision: 9);
        Assert.Equal([0.0, 10, 20, 70, 5], waterfall.Rows.Select(r => Math.Round(r.OffsetMs, 9)));
        Assert.Equal([100.0, 50, 10, 20, 10], waterfall.Rows.Select(r => Math.Round(r.DurationMs, 9)));
        Assert.Equal(["gateway", "extraction", "pool"], waterfall.Services);
    }

    [Fact]
    public void A_parent_cycle_in_malformed_input_still_shows_every_span()
    {
        var waterfall = TraceWaterfall.Build([Span("aa", "bb", "x", "s", 0, 10), Span("bb", "aa", "y", "s", 1, 5)]);

        Assert.Equal(["aa", "bb"], waterfall.Rows.Select(r => r.Span.SpanId));
        Assert.Equal([0, 1], waterfall.Rows.Select(r => r.Depth));
    }

    [Fact]
    public void Spans_of_several_traces_are_refused()
    {
        var other = Span("ab", null, "other", "s", 0, 1) with { TraceId = "11111111111111111111111111111111" };

        var error = Assert.Throws<ArgumentException>(() => TraceWaterfall.Build([Trace[0], other]));
        Assert.Contains("2 traces", error.Message);
    }

    [Fact]
    public void The_trace_list_names_the_root_span_and_counts_spans_services_and_errors()
    {
        var newer = Span("f6", null, "newer", "gateway", 500, 520) with { TraceId = "22222222222222222222222222222222" };

        var summaries = TraceSummary.FromSpans([.. Trace, newer]);

        Assert.Equal(["22222222222222222222222222222222", TraceId], summaries.Select(s => s.TraceId));
        var summary = summaries[1];
        Assert.Equal(("relay", "gateway", 5, 1), (summary.RootName, summary.RootService, summary.SpanCount, summary.ErrorCount));
        Assert.Equal(100, summary.DurationMs, precision: 9);
        // In order of first appearance on the time axis: relay (0 ms), late (5 ms), consume (10 ms).
        Assert.Equal(["gateway", "pool", "extraction"], summary.Services);
    }

    [Fact]
    public void A_trace_whose_root_was_not_received_is_named_after_its_earliest_orphan()
    {
        var summary = Assert.Single(TraceSummary.FromSpans(Trace.Where(s => s.SpanId != "a1")));

        // Without "relay", "late" (5 ms) and "consume" (10 ms) and "reply" (70 ms) have no received parent.
        Assert.Equal("late", summary.RootName);
    }

    private static SpanData Span(string id, string? parent, string name, string service, double startMs, double endMs,
        SpanStatus status = SpanStatus.Unset) =>
        new(TraceId, id, parent, name, "Internal", service, null, "test", T0.AddMilliseconds(startMs), T0.AddMilliseconds(endMs),
            status, null, [], []);
}
