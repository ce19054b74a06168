namespace DistillPlatform.Dashboard.Telemetry;

/// <summary>One attribute of a span, event, log record or data point; values are kept as display text.</summary>
public sealed record TelemetryAttribute(string Key, string Value);

/// <summary>A timestamped event recorded on a span (e.g. an exception).</summary>
public sealed record SpanEvent(DateTimeOffset Timestamp, string Name, IReadOnlyList<TelemetryAttribute> Attributes);

/// <summary>How a span ended, as OTLP's Status.code says.</summary>
public enum SpanStatus
{
    Unset,
    Ok,
    Error,
}

/// <summary>One received span. Ids are lower-case hex, as in W3C traceparent headers.</summary>
public sealed record SpanData(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    string Service,
    string? ServiceInstance,
    string Scope,
    DateTimeOffset Start,
    DateTimeOffset End,
    SpanStatus Status,
    string? StatusMessage,
    IReadOnlyList<TelemetryAttribute> Attributes,
    IReadOnlyList<SpanEvent> Events)
{
    public TimeSpan Duration => End > Start ? End - Start : TimeSpan.Zero;
}

/// <summary>One received log record; <see cref="Level"/> is derived from OTLP's severity number.</summary>
public sealed record LogEntry(
    DateTimeOffset Timestamp,
    string Service,
    string? ServiceInstance,
    LogLevelName Level,
    string Category,
    string Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyList<TelemetryAttribute> Attributes);

/// <summary>The six OTLP severity ranges (1-4 trace ... 21-24 fatal), named like .NET's log levels.</summary>
public enum LogLevelName
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
    Critical,
}

/// <summary>The OTLP metric data kinds the dashboard understands.</summary>
public enum MetricKind
{
    Gauge,
    /// <summary>A sum; <see cref="MetricPoint.IsMonotonic"/> sums are counters, shown with their rate.</summary>
    Sum,
    /// <summary>An explicit-bucket histogram, reduced to count, sum, min and max.</summary>
    Histogram,
}

/// <summary>
/// One data point of one metric stream. For gauges and sums <see cref="Value"/> is the point's value; for histograms
/// it is the mean (<see cref="Sum"/> / <see cref="Count"/>).
/// </summary>
public sealed record MetricPoint(
    string Service,
    string Scope,
    string Name,
    string Description,
    string Unit,
    MetricKind Kind,
    bool IsMonotonic,
    bool IsCumulative,
    DateTimeOffset Timestamp,
    double Value,
    long? Count,
    double? Sum,
    IReadOnlyList<TelemetryAttribute> Attributes);
