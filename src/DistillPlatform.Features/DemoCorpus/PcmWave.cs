using System.Buffers.Binary;
using System.Text;

namespace DistillPlatform.Features.DemoCorpus;

/// <summary>Mono 16-bit PCM WAV: parsing espeak-ng's output and writing the corpus files.</summary>
internal static class PcmWave
{
    /// <summary>
    /// Parses a mono 16-bit PCM WAV. espeak-ng writing to stdout cannot seek back to fix the header, so it declares
    /// a huge data size; the data chunk is therefore read up to the end of the bytes actually received.
    /// </summary>
    public static (float[] Samples, int SampleRate) Parse(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes[8..12].SequenceEqual("WAVE"u8))
        {
            throw new DemoCorpusException($"{source} did not produce a RIFF/WAVE stream ({bytes.Length} bytes).");
        }
        int? sampleRate = null;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.Slice(offset, 4);
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                var format = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body, 2));
                var channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 2, 2));
                var bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 14, 2));
                if (format != 1 || channels != 1 || bits != 16)
                {
                    throw new DemoCorpusException($"{source} produced format {format}, {channels} channels, {bits} bits; expected mono 16-bit PCM.");
                }
                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(body + 4, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (sampleRate is null) throw new DemoCorpusException($"{source} produced a data chunk before the format chunk.");
                var length = (int)Math.Min(declared, (uint)(bytes.Length - body)) & ~1;
                var samples = new float[length / 2];
                for (var i = 0; i < samples.Length; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(body + 2 * i, 2)) / 32768f;
                }
                return (samples, sampleRate.Value);
            }
            offset = body + (int)Math.Min(declared + (declared & 1), (uint)(bytes.Length - body));
        }
        throw new DemoCorpusException($"{source} produced a WAV stream without a data chunk.");
    }

    /// <summary>Writes canonical 44-byte-header mono 16-bit PCM; samples are clipped to [-1, 1] and rounded.</summary>
    public static byte[] Encode(ReadOnlySpan<float> samples, int sampleRate)
    {
        var dataBytes = samples.Length * 2;
        var wav = new byte[44 + dataBytes];
        var span = wav.AsSpan();
        Encoding.ASCII.GetBytes("RIFF", span[..4]);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        Encoding.ASCII.GetBytes("WAVEfmt ", span[8..16]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);        // fmt chunk size
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);         // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);         // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * 2); // byte rate
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);         // block align
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);        // bits per sample
        Encoding.ASCII.GetBytes("data", span[36..40]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            var value = (short)Math.Round(Math.Clamp(samples[i], -1f, 1f) * 32767f);
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + 2 * i)..], value);
        }
        return wav;
    }
}
