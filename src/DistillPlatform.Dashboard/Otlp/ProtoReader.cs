using Google.Protobuf;

namespace DistillPlatform.Dashboard.Otlp;

/// <summary>
/// The few protobuf wire-format helpers the OTLP decoder needs. Every message is read as a loop over its fields;
/// a field is only accepted with the wire type its .proto declaration implies, anything else is skipped (which is also
/// how protobuf treats fields added by newer OTLP versions).
/// </summary>
internal static class ProtoReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    /// <summary>The tag value of field <paramref name="fieldNumber"/> with <paramref name="wireType"/>, for switch labels.</summary>
    public static uint Tag(int fieldNumber, int wireType) => (uint)(fieldNumber << 3 | wireType);

    /// <summary>Calls <paramref name="onField"/> for each field of the message in <paramref name="input"/>.</summary>
    public static void ForEachField(CodedInputStream input, Func<uint, CodedInputStream, bool> onField)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!onField(tag, input)) input.SkipLastField();
        }
    }

    /// <summary>Reads an embedded message (a length-delimited field) with <paramref name="read"/>.</summary>
    public static T ReadMessage<T>(CodedInputStream input, Func<CodedInputStream, T> read)
    {
        var bytes = input.ReadBytes();
        return read(bytes.CreateCodedInput());
    }

    /// <summary>Lower-case hex of an id field (trace or span id); null when the field is empty (no parent).</summary>
    public static string? ReadId(CodedInputStream input)
    {
        var bytes = input.ReadBytes();
        return bytes.Length == 0 ? null : Convert.ToHexStringLower(bytes.Span);
    }

    /// <summary>OTLP times are nanoseconds since the Unix epoch in a fixed64.</summary>
    public static DateTimeOffset ReadUnixNanos(CodedInputStream input) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(input.ReadFixed64() / 100));
}
