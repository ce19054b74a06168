using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace DistillPlatform.SafeTensors;

/// <summary>
/// Streams a safetensors document: the header (every tensor's name, dtype, shape and offsets) is written first, then
/// each tensor's data in declaration order, in as many chunks as the caller likes. Memory use is bounded by the
/// caller's chunks, so shards far larger than RAM can be written.
/// </summary>
/// <remarks>
/// Format: 8-byte little-endian header length, UTF-8 JSON header (padded with spaces to a multiple of 8 so data is
/// aligned), then the little-endian data of every tensor back to back.
/// </remarks>
public sealed class SafeTensorsWriter : IDisposable
{
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly IReadOnlyList<TensorDeclaration> _tensors;
    private int _current;
    private long _writtenInCurrent;
    private bool _completed;

    private SafeTensorsWriter(Stream output, IReadOnlyList<TensorDeclaration> tensors, bool leaveOpen)
    {
        _output = output;
        _tensors = tensors;
        _leaveOpen = leaveOpen;
        SkipEmptyTensors();
    }

    /// <summary>Writes the header for <paramref name="tensors"/> and returns a writer that expects their data in order.</summary>
    public static SafeTensorsWriter Create(
        Stream output,
        IReadOnlyList<TensorDeclaration> tensors,
        IReadOnlyDictionary<string, string>? metadata = null,
        bool leaveOpen = false)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors data is little-endian; big-endian hosts are not supported.");
        ValidateDeclarations(tensors);
        byte[] header = BuildHeader(tensors, metadata);
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        output.Write(length);
        output.Write(header);
        return new SafeTensorsWriter(output, tensors, leaveOpen);
    }

    /// <summary>The tensor whose data the next <see cref="Write{T}"/> call continues, or null when all are written.</summary>
    public TensorDeclaration? CurrentTensor => _current < _tensors.Count ? _tensors[_current] : null;

    /// <summary>Appends a chunk of the current tensor's data. A chunk may not run past the end of the current tensor.</summary>
    public void Write<T>(ReadOnlySpan<T> data) where T : unmanaged
    {
        if (data.IsEmpty) return;
        var tensor = CurrentTensor
            ?? throw new InvalidOperationException("All declared tensors are already written; the extra data has nowhere to go.");
        var dtype = SafeTensorDTypeExtensions.Of<T>();
        if (dtype != tensor.DType)
            throw new ArgumentException($"Tensor \"{tensor.Name}\" is declared {tensor.DType.ToHeaderName()} but {typeof(T).Name} data was written.");
        var bytes = MemoryMarshal.AsBytes(data);
        if (_writtenInCurrent + bytes.Length > tensor.ByteLength)
            throw new ArgumentException(
                $"Tensor \"{tensor.Name}\" holds {tensor.ByteLength} bytes; writing {bytes.Length} more after {_writtenInCurrent} would overrun it.");
        _output.Write(bytes);
        _writtenInCurrent += bytes.Length;
        if (_writtenInCurrent == tensor.ByteLength)
        {
            _current++;
            _writtenInCurrent = 0;
            SkipEmptyTensors();
        }
    }

    /// <summary>Checks that every declared byte was written and flushes. A document left incomplete is invalid.</summary>
    public void Complete()
    {
        if (CurrentTensor is { } missing)
            throw new InvalidOperationException(
                $"Tensor \"{missing.Name}\" is incomplete: {_writtenInCurrent} of {missing.ByteLength} bytes written.");
        _output.Flush();
        _completed = true;
    }

    public void Dispose()
    {
        if (!_leaveOpen) _output.Dispose();
    }

    /// <summary>True once <see cref="Complete"/> has succeeded.</summary>
    public bool IsComplete => _completed;

    private void SkipEmptyTensors()
    {
        while (_current < _tensors.Count && _tensors[_current].ByteLength == 0) _current++;
    }

    private static void ValidateDeclarations(IReadOnlyList<TensorDeclaration> tensors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            if (string.IsNullOrEmpty(t.Name)) throw new ArgumentException("A tensor name must not be empty.");
            if (t.Name == "__metadata__") throw new ArgumentException("\"__metadata__\" is reserved for the metadata map.");
            if (!names.Add(t.Name)) throw new ArgumentException($"Tensor name \"{t.Name}\" is declared twice.");
            if (t.Shape.Any(d => d < 0)) throw new ArgumentException($"Tensor \"{t.Name}\" has a negative dimension.");
        }
    }

    private static byte[] BuildHeader(IReadOnlyList<TensorDeclaration> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata) json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in tensors)
            {
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", t.DType.ToHeaderName());
                json.WriteStartArray("shape");
                foreach (var d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + t.ByteLength);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += t.ByteLength;
            }
            json.WriteEndObject();
        }
        // Pad with spaces (valid JSON whitespace) so the data section starts 8-byte aligned, as the reference writer does.
        int padded = (int)((buffer.Length + 7) / 8 * 8);
        var header = new byte[padded];
        buffer.ToArray().CopyTo(header, 0);
        header.AsSpan((int)buffer.Length).Fill((byte)' ');
        return header;
    }
}
