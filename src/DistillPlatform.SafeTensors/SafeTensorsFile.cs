using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace DistillPlatform.SafeTensors;

/// <summary>
/// Reads a safetensors document. The header is parsed and checked up-front (types, shapes, offsets that tile the data
/// section exactly); tensor data is read on demand, whole or in ranges, so large shards can be streamed.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    // The reference implementation refuses headers above 100 MB; a larger one means a corrupt or hostile file.
    private const long MaxHeaderBytes = 100_000_000;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _dataStart;
    private readonly Dictionary<string, TensorInfo> _byName;

    private SafeTensorsFile(Stream stream, bool leaveOpen, long dataStart, IReadOnlyList<TensorInfo> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _dataStart = dataStart;
        Tensors = tensors;
        Metadata = metadata;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Tensors in data order.</summary>
    public IReadOnlyList<TensorInfo> Tensors { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public static SafeTensorsFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            return Open(stream, leaveOpen: false, sourceName: path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public static SafeTensorsFile Open(byte[] document) => Open(new MemoryStream(document, writable: false), leaveOpen: false);

    /// <summary>Parses the header of a seekable stream positioned anywhere; the document must start at offset 0.</summary>
    public static SafeTensorsFile Open(Stream stream, bool leaveOpen = false, string sourceName = "stream")
    {
        if (!stream.CanSeek) throw new ArgumentException("safetensors reading needs a seekable stream.", nameof(stream));
        long total = stream.Length;
        if (total < 8) throw new SafeTensorsFormatException($"{sourceName}: {total} bytes is too short for a safetensors document.");
        stream.Position = 0;
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderBytes || (long)headerLength > total - 8)
            throw new SafeTensorsFormatException($"{sourceName}: header length {headerLength} does not fit in a {total}-byte document.");
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        long dataStart = 8 + (long)headerLength;
        var (tensors, metadata) = ParseHeader(header, total - dataStart, sourceName);
        return new SafeTensorsFile(stream, leaveOpen, dataStart, tensors, metadata);
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public TensorInfo GetInfo(string name) =>
        _byName.TryGetValue(name, out var info)
            ? info
            : throw new KeyNotFoundException($"No tensor named \"{name}\" (present: {string.Join(", ", _byName.Keys)}).");

    /// <summary>Reads a whole tensor into a new array of the matching CLR type.</summary>
    public T[] Read<T>(string name) where T : unmanaged
    {
        var info = GetInfo(name);
        var result = new T[checked((int)info.ElementCount)];
        ReadRange<T>(name, 0, result);
        return result;
    }

    /// <summary>Reads <paramref name="destination"/>.Length elements starting at element <paramref name="elementOffset"/> (flat, row-major).</summary>
    public void ReadRange<T>(string name, long elementOffset, Span<T> destination) where T : unmanaged
    {
        var info = GetInfo(name);
        var dtype = SafeTensorDTypeExtensions.Of<T>();
        if (dtype != info.DType)
            throw new SafeTensorsFormatException($"Tensor \"{name}\" is {info.DType.ToHeaderName()}, not {dtype.ToHeaderName()}.");
        if (elementOffset < 0 || elementOffset + destination.Length > info.ElementCount)
            throw new ArgumentOutOfRangeException(nameof(elementOffset),
                $"Elements [{elementOffset}, {elementOffset + destination.Length}) are outside tensor \"{name}\" of {info.ElementCount} elements.");
        _stream.Position = _dataStart + info.Begin + elementOffset * dtype.ElementSize();
        _stream.ReadExactly(MemoryMarshal.AsBytes(destination));
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }

    private static (IReadOnlyList<TensorInfo>, IReadOnlyDictionary<string, string>) ParseHeader(byte[] header, long dataLength, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new SafeTensorsFormatException($"{sourceName}: the header is not valid JSON ({e.Message}).");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new SafeTensorsFormatException($"{sourceName}: the header must be a JSON object.");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var tensors = new List<TensorInfo>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == "__metadata__")
                {
                    foreach (var entry in property.Value.EnumerateObject())
                        metadata[entry.Name] = entry.Value.ValueKind == JsonValueKind.String
                            ? entry.Value.GetString()!
                            : throw new SafeTensorsFormatException($"{sourceName}: metadata value \"{entry.Name}\" must be a string.");
                    continue;
                }
                tensors.Add(ParseTensor(property, sourceName));
            }
            tensors.Sort((a, b) => a.Begin.CompareTo(b.Begin));
            CheckTiling(tensors, dataLength, sourceName);
            return (tensors, metadata);
        }
    }

    private static TensorInfo ParseTensor(JsonProperty property, string sourceName)
    {
        try
        {
            var value = property.Value;
            var dtype = SafeTensorDTypeExtensions.FromHeaderName(value.GetProperty("dtype").GetString() ?? "");
            var shape = value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            if (offsets.Length != 2) throw new SafeTensorsFormatException("data_offsets must hold [begin, end]");
            var info = new TensorInfo(property.Name, dtype, shape, offsets[0], offsets[1]);
            if (shape.Any(d => d < 0) || info.End < info.Begin || info.ByteLength != info.ElementCount * dtype.ElementSize())
                throw new SafeTensorsFormatException(
                    $"shape [{string.Join(", ", shape)}] of {dtype.ToHeaderName()} needs {info.ElementCount * dtype.ElementSize()} bytes but offsets span {info.ByteLength}");
            return info;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or SafeTensorsFormatException)
        {
            throw new SafeTensorsFormatException($"{sourceName}: tensor \"{property.Name}\" has an invalid header entry: {e.Message}.");
        }
    }

    private static void CheckTiling(List<TensorInfo> tensors, long dataLength, string sourceName)
    {
        long expected = 0;
        foreach (var t in tensors)
        {
            if (t.Begin != expected)
                throw new SafeTensorsFormatException($"{sourceName}: tensor \"{t.Name}\" starts at byte {t.Begin}, expected {expected} (gap or overlap).");
            expected = t.End;
        }
        if (expected != dataLength)
            throw new SafeTensorsFormatException($"{sourceName}: tensors cover {expected} bytes but the data section holds {dataLength}.");
    }
}
