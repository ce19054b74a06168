using DistillPlatform.Dashboard.Telemetry;
using Google.Protobuf;
using static DistillPlatform.Dashboard.Otlp.ProtoReader;

namespace DistillPlatform.Dashboard.Otlp;

/// <summary>
/// Decodes an OTLP ExportMetricsServiceRequest (body of POST /v1/metrics) into one <see cref="MetricPoint"/> per data
/// point. Gauges, sums and explicit-bucket histograms are understood (field numbers of
/// opentelemetry/proto/metrics/v1/metrics.proto); exponential histograms and summaries are skipped.
/// </summary>
public static class OtlpMetricDecoder
{
    private const int CumulativeTemporality = 2;

    /// <exception cref="OtlpFormatException">The body is not a valid protobuf message of this type.</exception>
    public static IReadOnlyList<MetricPoint> Decode(ReadOnlySpan<byte> body) =>
        OtlpEnvelopeReader.Read<MetricPoint>(body, "metrics",
            (metric, resource, scopeName, points) => ReadMetric(metric, resource.Service, scopeName, points));

    /// <summary>
    /// Metric { string name = 1; string description = 2; string unit = 3; Gauge gauge = 5; Sum sum = 7;
    /// Histogram histogram = 9; }
    /// </summary>
    private static void ReadMetric(CodedInputStream input, string service, string scopeName, List<MetricPoint> points)
    {
        string name = "", description = "", unit = "";
        DataSeries? data = null;
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(1, LengthDelimited)) name = i.ReadString();
            else if (tag == Tag(2, LengthDelimited)) description = i.ReadString();
            else if (tag == Tag(3, LengthDelimited)) unit = i.ReadString();
            else if (tag == Tag(5, LengthDelimited)) data = ReadMessage(i, d => ReadData(d, MetricKind.Gauge));
            else if (tag == Tag(7, LengthDelimited)) data = ReadMessage(i, d => ReadData(d, MetricKind.Sum));
            else if (tag == Tag(9, LengthDelimited)) data = ReadMessage(i, d => ReadData(d, MetricKind.Histogram));
            else return false;
            return true;
        });
        if (data is null) return;

        foreach (var point in data.Points)
        {
            points.Add(new MetricPoint(service, scopeName, name, description, unit, data.Kind, data.IsMonotonic,
                data.Temporality == CumulativeTemporality, point.Timestamp, point.Value, point.Count, point.Sum, point.Attributes));
        }
    }

    /// <summary>
    /// Gauge { repeated NumberDataPoint data_points = 1; }, Sum { ... = 1; AggregationTemporality = 2; bool is_monotonic = 3; },
    /// Histogram { repeated HistogramDataPoint data_points = 1; AggregationTemporality = 2; }.
    /// </summary>
    private static DataSeries ReadData(CodedInputStream input, MetricKind kind)
    {
        var series = new DataSeries(kind);
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(1, LengthDelimited))
                series.Points.Add(ReadMessage<DataPoint>(i, kind == MetricKind.Histogram ? ReadHistogramPoint : ReadNumberPoint));
            else if (tag == Tag(2, Varint) && kind != MetricKind.Gauge) series.Temporality = i.ReadEnum();
            else if (tag == Tag(3, Varint) && kind == MetricKind.Sum) series.IsMonotonic = i.ReadBool();
            else return false;
            return true;
        });
        return series;
    }

    /// <summary>
    /// NumberDataPoint { fixed64 time_unix_nano = 3; double as_double = 4; sfixed64 as_int = 6;
    /// repeated KeyValue attributes = 7; }
    /// </summary>
    private static DataPoint ReadNumberPoint(CodedInputStream input)
    {
        DateTimeOffset time = default;
        double value = 0;
        var attributes = new List<TelemetryAttribute>();
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(3, Fixed64)) time = ReadUnixNanos(i);
            else if (tag == Tag(4, Fixed64)) value = i.ReadDouble();
            else if (tag == Tag(6, Fixed64)) value = i.ReadSFixed64();
            else if (tag == Tag(7, LengthDelimited)) attributes.Add(ReadMessage(i, OtlpCommon.ReadKeyValue));
            else return false;
            return true;
        });
        return new DataPoint(time, value, null, null, attributes);
    }

    /// <summary>
    /// HistogramDataPoint { fixed64 time_unix_nano = 3; fixed64 count = 4; optional double sum = 5;
    /// repeated KeyValue attributes = 9; } — the value kept is the mean.
    /// </summary>
    private static DataPoint ReadHistogramPoint(CodedInputStream input)
    {
        DateTimeOffset time = default;
        ulong count = 0;
        double sum = 0;
        var attributes = new List<TelemetryAttribute>();
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(3, Fixed64)) time = ReadUnixNanos(i);
            else if (tag == Tag(4, Fixed64)) count = i.ReadFixed64();
            else if (tag == Tag(5, Fixed64)) sum = i.ReadDouble();
            else if (tag == Tag(9, LengthDelimited)) attributes.Add(ReadMessage(i, OtlpCommon.ReadKeyValue));
            else return false;
            return true;
        });
        return new DataPoint(time, count == 0 ? 0 : sum / count, (long)count, sum, attributes);
    }

    private sealed record DataPoint(DateTimeOffset Timestamp, double Value, long? Count, double? Sum,
        IReadOnlyList<TelemetryAttribute> Attributes);

    private sealed class DataSeries(MetricKind kind)
    {
        public MetricKind Kind { get; } = kind;

        public List<DataPoint> Points { get; } = [];

        public int Temporality { get; set; }

        public bool IsMonotonic { get; set; }
    }
}
