namespace DistillPlatform.Dashboard.Telemetry;

/// <summary>
/// Everything the OTLP receiver accepted, bounded: the newest spans and log records in ring buffers and, per metric
/// stream, its recent points (the stream updated longest ago is evicted when there are too many).
/// </summary>
public sealed class TelemetryStore(TelemetryLimits limits)
{
    private readonly RingBuffer<SpanData> _spans = new(limits.MaxSpans);
    private readonly RingBuffer<LogEntry> _logs = new(limits.MaxLogs);
    private readonly Lock _metricsGate = new();
    private readonly Dictionary<string, MetricSeries> _metrics = new(StringComparer.Ordinal);

    public TelemetryLimits Limits { get; } = limits;

    /// <summary>
    /// Raised after each Add call has stored its items, on the thread that stored them (the OTLP request's), so
    /// handlers must return quickly. It lets a reader that expects telemetry wait for it instead of polling.
    /// </summary>
    public event Action? Added;

    public void AddSpans(IEnumerable<SpanData> spans)
    {
        _spans.AddRange(spans);
        Added?.Invoke();
    }

    public void AddLogs(IEnumerable<LogEntry> logs)
    {
        _logs.AddRange(logs);
        Added?.Invoke();
    }

    public void AddMetrics(IEnumerable<MetricPoint> points)
    {
        lock (_metricsGate)
        {
            foreach (var point in points)
            {
                var key = SeriesKey(point);
                if (_metrics.TryGetValue(key, out var series))
                {
                    series.Add(point);
                    continue;
                }

                if (_metrics.Count >= Limits.MaxMetricSeries)
                {
                    var stalest = _metrics.Values.MinBy(s => s.Latest.Timestamp)!;
                    _metrics.Remove(stalest.Key);
                }

                _metrics[key] = new MetricSeries(key, point);
            }
        }

        Added?.Invoke();
    }

    /// <summary>Every stored span, oldest first.</summary>
    public SpanData[] Spans() => _spans.Snapshot();

    /// <summary>Every stored log record, oldest first.</summary>
    public LogEntry[] Logs() => _logs.Snapshot();

    /// <summary>A copy of every metric stream: its latest point, its recent values and its rate.</summary>
    public IReadOnlyList<MetricSeriesSnapshot> Metrics()
    {
        lock (_metricsGate)
        {
            return _metrics.Values
                .Select(s => new MetricSeriesSnapshot(s.Latest, s.RatePerSecond(), s.Points.Select(p => p.Value).ToArray()))
                .ToArray();
        }
    }

    private static string SeriesKey(MetricPoint point) =>
        $"{point.Service}\n{point.Scope}\n{point.Name}\n"
        + string.Join("\n", point.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"));
}

/// <summary>One metric stream as the dashboard shows it.</summary>
public sealed record MetricSeriesSnapshot(MetricPoint Latest, double? RatePerSecond, IReadOnlyList<double> RecentValues);
