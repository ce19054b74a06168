using System.Globalization;
using DistillPlatform.Dashboard.Telemetry;
using Google.Protobuf;
using static DistillPlatform.Dashboard.Otlp.ProtoReader;

namespace DistillPlatform.Dashboard.Otlp;

/// <summary>
/// Decoders for the messages shared by all three signals (opentelemetry/proto/common/v1 and resource/v1):
/// KeyValue, AnyValue, InstrumentationScope and Resource.
/// </summary>
internal static class OtlpCommon
{
    /// <summary>Who sent a batch: the resource's service.name and service.instance.id attributes.</summary>
    public sealed record ResourceIdentity(string Service, string? Instance, IReadOnlyList<TelemetryAttribute> Attributes)
    {
        public static readonly ResourceIdentity Unknown = new("unknown_service", null, []);
    }

    /// <summary>Resource { repeated KeyValue attributes = 1; }</summary>
    public static ResourceIdentity ReadResource(CodedInputStream input)
    {
        var attributes = new List<TelemetryAttribute>();
        ForEachField(input, (tag, i) =>
        {
            if (tag != Tag(1, LengthDelimited)) return false;
            attributes.Add(ReadMessage(i, ReadKeyValue));
            return true;
        });
        var service = attributes.FirstOrDefault(a => a.Key == "service.name")?.Value ?? "unknown_service";
        var instance = attributes.FirstOrDefault(a => a.Key == "service.instance.id")?.Value;
        return new ResourceIdentity(service, instance, attributes);
    }

    /// <summary>InstrumentationScope { string name = 1; string version = 2; ... } — only the name is kept.</summary>
    public static string ReadScopeName(CodedInputStream input)
    {
        var name = "";
        ForEachField(input, (tag, i) =>
        {
            if (tag != Tag(1, LengthDelimited)) return false;
            name = i.ReadString();
            return true;
        });
        return name;
    }

    /// <summary>KeyValue { string key = 1; AnyValue value = 2; }</summary>
    public static TelemetryAttribute ReadKeyValue(CodedInputStream input)
    {
        var key = "";
        var value = "";
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(1, LengthDelimited)) key = i.ReadString();
            else if (tag == Tag(2, LengthDelimited)) value = ReadMessage(i, ReadAnyValue);
            else return false;
            return true;
        });
        return new TelemetryAttribute(key, value);
    }

    /// <summary>
    /// AnyValue { oneof: string_value = 1; bool_value = 2; int_value = 3; double_value = 4; ArrayValue array_value = 5;
    /// KeyValueList kvlist_value = 6; bytes bytes_value = 7; } rendered as text.
    /// </summary>
    public static string ReadAnyValue(CodedInputStream input)
    {
        var text = "";
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(1, LengthDelimited)) text = i.ReadString();
            else if (tag == Tag(2, Varint)) text = i.ReadBool() ? "true" : "false";
            else if (tag == Tag(3, Varint)) text = i.ReadInt64().ToString(CultureInfo.InvariantCulture);
            else if (tag == Tag(4, Fixed64)) text = i.ReadDouble().ToString("R", CultureInfo.InvariantCulture);
            else if (tag == Tag(5, LengthDelimited)) text = "[" + string.Join(", ", ReadMessage(i, ReadArrayValue)) + "]";
            else if (tag == Tag(6, LengthDelimited))
                text = "{" + string.Join(", ", ReadMessage(i, ReadKeyValueList).Select(a => $"{a.Key}: {a.Value}")) + "}";
            else if (tag == Tag(7, LengthDelimited)) text = Convert.ToBase64String(i.ReadBytes().Span);
            else return false;
            return true;
        });
        return text;
    }

    /// <summary>ArrayValue { repeated AnyValue values = 1; }</summary>
    private static List<string> ReadArrayValue(CodedInputStream input)
    {
        var values = new List<string>();
        ForEachField(input, (tag, i) =>
        {
            if (tag != Tag(1, LengthDelimited)) return false;
            values.Add(ReadMessage(i, ReadAnyValue));
            return true;
        });
        return values;
    }

    /// <summary>KeyValueList { repeated KeyValue values = 1; }</summary>
    private static List<TelemetryAttribute> ReadKeyValueList(CodedInputStream input)
    {
        var values = new List<TelemetryAttribute>();
        ForEachField(input, (tag, i) =>
        {
            if (tag != Tag(1, LengthDelimited)) return false;
            values.Add(ReadMessage(i, ReadKeyValue));
            return true;
        });
        return values;
    }
}
