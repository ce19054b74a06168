using DistillPlatform.Dashboard.Telemetry;

namespace DistillPlatform.Dashboard.Tests;

public sealed class TelemetryStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_ring_buffer_keeps_the_newest_items_oldest_first_and_counts_what_it_dropped()
    {
        var buffer = new RingBuffer<int>(3);

        buffer.AddRange([1, 2]);
        Assert.Equal([1, 2], buffer.Snapshot());
        buffer.AddRange([3, 4, 5]);

        Assert.Equal([3, 4, 5], buffer.Snapshot());
        Assert.Equal(2, buffer.Dropped);
    }

    [Fact]
    public void The_rate_of_a_cumulative_counter_is_its_increase_per_second()
    {
        var store = new TelemetryStore(new TelemetryLimits());

        store.AddMetrics([Counter(0, 10), Counter(2, 30)]);
        // 30 - 10 over 2 s.
        Assert.Equal(10.0, Assert.Single(store.Metrics()).RatePerSecond);

        store.AddMetrics([Counter(4, 5)]); // the process restarted: the counter starts again from zero
        Assert.Null(Assert.Single(store.Metrics()).RatePerSecond);
        Assert.Equal([10.0, 30, 5], Assert.Single(store.Metrics()).RecentValues);
    }

    [Fact]
    public void Gauges_have_no_rate_and_each_attribute_set_is_its_own_stream()
    {
        var store = new TelemetryStore(new TelemetryLimits());

        store.AddMetrics([
            Gauge(0, 0.5, "generator"), Gauge(1, 0.4, "generator"), Gauge(1, 0.9, "critic"),
        ]);

        var streams = store.Metrics().OrderBy(m => m.Latest.Value).ToArray();
        Assert.Equal([0.4, 0.9], streams.Select(s => s.Latest.Value));
        Assert.All(streams, s => Assert.Null(s.RatePerSecond));
    }

    [Fact]
    public void Beyond_the_stream_limit_the_stream_updated_longest_ago_is_forgotten()
    {
        var store = new TelemetryStore(new TelemetryLimits(MaxMetricSeries: 2));

        store.AddMetrics([Gauge(0, 1, "a"), Gauge(5, 2, "b"), Gauge(3, 3, "c")]);

        Assert.Equal(["b", "c"], store.Metrics().Select(m => m.Latest.Attributes[0].Value).Order());
    }

    [Fact]
    public void Added_is_raised_after_each_add_once_its_items_can_be_read()
    {
        var store = new TelemetryStore(new TelemetryLimits());
        var seriesSeenByHandler = new List<int>();
        store.Added += () => seriesSeenByHandler.Add(store.Metrics().Count);

        store.AddMetrics([Gauge(0, 1, "a"), Gauge(0, 2, "b")]);
        store.AddMetrics([Gauge(1, 3, "c")]);

        Assert.Equal([2, 3], seriesSeenByHandler);
    }

    private static MetricPoint Counter(double seconds, double value) =>
        new("trainer", "DistillPlatform", "distill.steps", "", "{step}", MetricKind.Sum, IsMonotonic: true, IsCumulative: true,
            T0.AddSeconds(seconds), value, null, null, []);

    private static MetricPoint Gauge(double seconds, double value, string model) =>
        new("trainer", "DistillPlatform", "distill.loss", "", "", MetricKind.Gauge, false, false, T0.AddSeconds(seconds), value,
            null, null, [new TelemetryAttribute("model", model)]);
}
