using DistillPlatform.Dashboard.Telemetry;
using Google.Protobuf;
using static DistillPlatform.Dashboard.Otlp.ProtoReader;

namespace DistillPlatform.Dashboard.Otlp;

/// <summary>
/// Decodes an OTLP ExportLogsServiceRequest (body of POST /v1/logs) into <see cref="LogEntry"/>. Field numbers follow
/// opentelemetry/proto/logs/v1/logs.proto. The .NET exporter puts the logger category in the scope name.
/// </summary>
public static class OtlpLogDecoder
{
    /// <exception cref="OtlpFormatException">The body is not a valid protobuf message of this type.</exception>
    public static IReadOnlyList<LogEntry> Decode(ReadOnlySpan<byte> body) =>
        OtlpEnvelopeReader.Read<LogEntry>(body, "logs",
            (record, resource, category, entries) => entries.Add(ReadLogRecord(record, resource, category)));

    /// <summary>The level of an OTLP severity number: 1-4 trace, 5-8 debug, 9-12 info, 13-16 warn, 17-20 error, 21-24 fatal.</summary>
    public static LogLevelName LevelOf(int severityNumber, string? severityText) => severityNumber switch
    {
        >= 21 => LogLevelName.Critical,
        >= 17 => LogLevelName.Error,
        >= 13 => LogLevelName.Warning,
        >= 9 => LogLevelName.Information,
        >= 5 => LogLevelName.Debug,
        >= 1 => LogLevelName.Trace,
        // Unspecified number: trust a recognisable text, else call it information.
        _ => Enum.TryParse<LogLevelName>(severityText, ignoreCase: true, out var parsed) ? parsed : LogLevelName.Information,
    };

    /// <summary>
    /// LogRecord { fixed64 time_unix_nano = 1; SeverityNumber severity_number = 2; string severity_text = 3;
    /// AnyValue body = 5; repeated KeyValue attributes = 6; bytes trace_id = 9; bytes span_id = 10;
    /// fixed64 observed_time_unix_nano = 11; }
    /// </summary>
    private static LogEntry ReadLogRecord(CodedInputStream input, OtlpCommon.ResourceIdentity resource, string category)
    {
        DateTimeOffset time = default, observed = default;
        var severityNumber = 0;
        string? severityText = null, traceId = null, spanId = null;
        var body = "";
        var attributes = new List<TelemetryAttribute>();
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(1, Fixed64)) time = ReadUnixNanos(i);
            else if (tag == Tag(2, Varint)) severityNumber = i.ReadEnum();
            else if (tag == Tag(3, LengthDelimited)) severityText = i.ReadString();
            else if (tag == Tag(5, LengthDelimited)) body = ReadMessage(i, OtlpCommon.ReadAnyValue);
            else if (tag == Tag(6, LengthDelimited)) attributes.Add(ReadMessage(i, OtlpCommon.ReadKeyValue));
            else if (tag == Tag(9, LengthDelimited)) traceId = ReadId(i);
            else if (tag == Tag(10, LengthDelimited)) spanId = ReadId(i);
            else if (tag == Tag(11, Fixed64)) observed = ReadUnixNanos(i);
            else return false;
            return true;
        });

        // time_unix_nano is optional in OTLP ("unknown" = 0); the collector-side observed time then stands in.
        var timestamp = time != DateTimeOffset.UnixEpoch && time != default ? time : observed;
        return new LogEntry(timestamp, resource.Service, resource.Instance, LevelOf(severityNumber, severityText),
            category, body, traceId, spanId, attributes);
    }
}
