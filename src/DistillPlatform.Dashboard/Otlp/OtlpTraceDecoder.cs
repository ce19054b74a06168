using DistillPlatform.Dashboard.Telemetry;
using Google.Protobuf;
using static DistillPlatform.Dashboard.Otlp.ProtoReader;

namespace DistillPlatform.Dashboard.Otlp;

/// <summary>
/// Decodes an OTLP ExportTraceServiceRequest (opentelemetry/proto/collector/trace/v1, body of POST /v1/traces) into
/// <see cref="SpanData"/>. Field numbers follow opentelemetry/proto/trace/v1/trace.proto.
/// </summary>
public static class OtlpTraceDecoder
{
    private static readonly string[] SpanKinds = ["Unspecified", "Internal", "Server", "Client", "Producer", "Consumer"];

    /// <exception cref="OtlpFormatException">The body is not a valid protobuf message of this type.</exception>
    public static IReadOnlyList<SpanData> Decode(ReadOnlySpan<byte> body) =>
        OtlpEnvelopeReader.Read<SpanData>(body, "trace",
            (span, resource, scopeName, spans) => spans.Add(ReadSpan(span, resource, scopeName)));

    /// <summary>
    /// Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    /// fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
    /// repeated Event events = 11; Status status = 15; }
    /// </summary>
    private static SpanData ReadSpan(CodedInputStream input, OtlpCommon.ResourceIdentity resource, string scopeName)
    {
        string? traceId = null, spanId = null, parentSpanId = null, statusMessage = null;
        var name = "";
        var kind = 0;
        DateTimeOffset start = default, end = default;
        var status = SpanStatus.Unset;
        var attributes = new List<TelemetryAttribute>();
        var events = new List<SpanEvent>();
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(1, LengthDelimited)) traceId = ReadId(i);
            else if (tag == Tag(2, LengthDelimited)) spanId = ReadId(i);
            else if (tag == Tag(4, LengthDelimited)) parentSpanId = ReadId(i);
            else if (tag == Tag(5, LengthDelimited)) name = i.ReadString();
            else if (tag == Tag(6, Varint)) kind = i.ReadEnum();
            else if (tag == Tag(7, Fixed64)) start = ReadUnixNanos(i);
            else if (tag == Tag(8, Fixed64)) end = ReadUnixNanos(i);
            else if (tag == Tag(9, LengthDelimited)) attributes.Add(ReadMessage(i, OtlpCommon.ReadKeyValue));
            else if (tag == Tag(11, LengthDelimited)) events.Add(ReadMessage(i, ReadEvent));
            else if (tag == Tag(15, LengthDelimited)) (status, statusMessage) = ReadMessage(i, ReadStatus);
            else return false;
            return true;
        });

        if (traceId is null || spanId is null)
        {
            throw new OtlpFormatException($"Span '{name}' has no trace_id or span_id; OTLP requires both.");
        }

        return new SpanData(traceId, spanId, parentSpanId, name,
            kind >= 0 && kind < SpanKinds.Length ? SpanKinds[kind] : SpanKinds[0],
            resource.Service, resource.Instance, scopeName, start, end, status, statusMessage, attributes, events);
    }

    /// <summary>Span.Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; }</summary>
    private static SpanEvent ReadEvent(CodedInputStream input)
    {
        DateTimeOffset time = default;
        var name = "";
        var attributes = new List<TelemetryAttribute>();
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(1, Fixed64)) time = ReadUnixNanos(i);
            else if (tag == Tag(2, LengthDelimited)) name = i.ReadString();
            else if (tag == Tag(3, LengthDelimited)) attributes.Add(ReadMessage(i, OtlpCommon.ReadKeyValue));
            else return false;
            return true;
        });
        return new SpanEvent(time, name, attributes);
    }

    /// <summary>Status { string message = 2; StatusCode code = 3; } with UNSET = 0, OK = 1, ERROR = 2.</summary>
    private static (SpanStatus, string?) ReadStatus(CodedInputStream input)
    {
        var code = 0;
        string? message = null;
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(2, LengthDelimited)) message = i.ReadString();
            else if (tag == Tag(3, Varint)) code = i.ReadEnum();
            else return false;
            return true;
        });
        var status = code switch { 1 => SpanStatus.Ok, 2 => SpanStatus.Error, _ => SpanStatus.Unset };
        return (status, string.IsNullOrEmpty(message) ? null : message);
    }
}
