using Google.Protobuf;
using static DistillPlatform.Dashboard.Otlp.ProtoReader;

namespace DistillPlatform.Dashboard.Otlp;

/// <summary>
/// Walks the envelope that all three OTLP export requests share, so each signal's decoder only reads its own items:
/// <code>
/// Export{Signal}ServiceRequest { repeated Resource{Signal} resource_{signal} = 1; }
/// Resource{Signal}             { Resource resource = 1; repeated Scope{Signal} scope_{signal} = 2; }
/// Scope{Signal}                { InstrumentationScope scope = 1; repeated {Item} {items} = 2; }
/// </code>
/// (logs, traces and metrics use the same field numbers at all three levels).
/// </summary>
internal static class OtlpEnvelopeReader
{
    /// <summary>
    /// Decodes one item (a LogRecord, Span or Metric) from <paramref name="item"/> into <paramref name="results"/>;
    /// an item may yield any number of results (a Metric yields one per data point).
    /// </summary>
    public delegate void ItemReader<T>(
        CodedInputStream item, OtlpCommon.ResourceIdentity resource, string scopeName, List<T> results);

    /// <summary>Decodes every item of an export request body with <paramref name="readItem"/>, in wire order.</summary>
    /// <param name="signal">How the signal is named in the error message ("logs", "trace", "metrics").</param>
    /// <exception cref="OtlpFormatException">The body is not a valid protobuf message of this type.</exception>
    public static List<T> Read<T>(ReadOnlySpan<byte> body, string signal, ItemReader<T> readItem)
    {
        var results = new List<T>();
        try
        {
            ForEachField(new CodedInputStream(body.ToArray()), (tag, input) =>
            {
                if (tag != Tag(1, LengthDelimited)) return false;
                ReadMessage(input, resourceLevel => ReadResourceLevel(resourceLevel, readItem, results));
                return true;
            });
        }
        catch (InvalidProtocolBufferException error)
        {
            throw new OtlpFormatException($"Malformed OTLP {signal} request: {error.Message}", error);
        }

        return results;
    }

    /// <summary>
    /// One Resource{Signal}: its scopes, each with its items. Both levels are read with
    /// <see cref="ReadHeaderAndChildren{THeader}"/>, the resource being the header of the scopes and the scope the
    /// header of the items. Returns true only so that it can be passed to <see cref="ReadMessage{T}"/>.
    /// </summary>
    private static bool ReadResourceLevel<T>(CodedInputStream input, ItemReader<T> readItem, List<T> results)
    {
        var (resource, scopes) = ReadHeaderAndChildren(input, OtlpCommon.ResourceIdentity.Unknown, OtlpCommon.ReadResource);
        foreach (var scope in scopes)
        {
            var (scopeName, items) = ReadHeaderAndChildren(scope.CreateCodedInput(), "", OtlpCommon.ReadScopeName);
            foreach (var item in items) readItem(item.CreateCodedInput(), resource, scopeName, results);
        }

        return true;
    }

    /// <summary>
    /// Reads a message of the shape { Header header = 1; repeated Child children = 2; }. The children come back still
    /// encoded: fields may arrive in any order, so they can only be decoded once the header (their service, their
    /// scope name) is known. A missing header is <paramref name="missing"/>; if it repeats, the last one wins.
    /// </summary>
    private static (THeader Header, List<ByteString> Children) ReadHeaderAndChildren<THeader>(
        CodedInputStream input, THeader missing, Func<CodedInputStream, THeader> readHeader)
    {
        var header = missing;
        var children = new List<ByteString>();
        ForEachField(input, (tag, i) =>
        {
            if (tag == Tag(1, LengthDelimited)) header = ReadMessage(i, readHeader);
            else if (tag == Tag(2, LengthDelimited)) children.Add(i.ReadBytes());
            else return false;
            return true;
        });
        return (header, children);
    }
}
