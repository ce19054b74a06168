using System.Buffers.Binary;
using System.Text;

namespace DistillPlatform.Features.Tests.Audio;

/// <summary>Builds WAV files byte by byte, so tests control every header field and chunk.</summary>
internal static class WavBytes
{
    public static byte[] Chunk(string id, byte[] body, bool padOddSize = true)
    {
        var padding = padOddSize && body.Length % 2 == 1 ? 1 : 0;
        var chunk = new byte[8 + body.Length + padding];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)body.Length);
        body.CopyTo(chunk, 8);
        return chunk;
    }

    public static byte[] ChunkWithDeclaredSize(string id, uint declaredSize, byte[] body)
    {
        var chunk = new byte[8 + body.Length];
        Encoding.ASCII.GetBytes(id).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), declaredSize);
        body.CopyTo(chunk, 8);
        return chunk;
    }

    public static byte[] Riff(params byte[][] chunks)
    {
        var body = chunks.SelectMany(c => c).ToArray();
        var file = new byte[12 + body.Length];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(file, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)(4 + body.Length));
        Encoding.ASCII.GetBytes("WAVE").CopyTo(file, 8);
        body.CopyTo(file, 12);
        return file;
    }

    public static byte[] Format(ushort formatTag, ushort channels, uint sampleRate, ushort bitsPerSample, ushort? blockAlign = null)
    {
        var align = blockAlign ?? (ushort)(channels * bitsPerSample / 8);
        var body = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(body, formatTag);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(2), channels);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(4), sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(8), sampleRate * align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(12), align);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(14), bitsPerSample);
        return Chunk("fmt ", body);
    }

    /// <summary>WAVE_FORMAT_EXTENSIBLE fmt chunk whose sub-format GUID starts with <paramref name="subFormatTag"/>.</summary>
    public static byte[] ExtensibleFormat(ushort subFormatTag, ushort channels, uint sampleRate, ushort bitsPerSample, ushort validBits, bool standardGuid = true)
    {
        var classic = Format(0xFFFE, channels, sampleRate, bitsPerSample)[8..];
        var body = new byte[40];
        classic.CopyTo(body, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(16), 22); // cbSize
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(18), validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(20), channels == 2 ? 0x3u : 0x4u); // FL|FR or FC
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(24), subFormatTag);
        byte[] guidTail = standardGuid
            ? [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]
            : [0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66];
        guidTail.CopyTo(body, 26);
        return Chunk("fmt ", body);
    }

    public static byte[] Int16Samples(params short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(2 * i), samples[i]);
        }

        return bytes;
    }
}
