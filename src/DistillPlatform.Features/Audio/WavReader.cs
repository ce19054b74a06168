using System.Buffers.Binary;
using System.Text;

namespace DistillPlatform.Features.Audio;

/// <summary>A decoded WAV file: its header and its samples downmixed to mono.</summary>
public sealed record WavContent(WavFormat Format, AudioClip Audio);

/// <summary>
/// Reads RIFF/WAVE files: integer PCM (8-bit unsigned, 16/24/32-bit signed), IEEE float (32/64-bit), plain or
/// WAVE_FORMAT_EXTENSIBLE headers, any channel count (averaged to mono) and any sample rate.
/// </summary>
/// <remarks>
/// The whole file is read into memory: the corpora this platform handles are utterances of seconds, not hours.
/// Chunks are walked by their declared sizes with the RIFF rule that odd-sized chunks carry one pad byte, so LIST,
/// fact, cue and vendor chunks anywhere before the data chunk are skipped. The RIFF size field is not trusted
/// (many writers get it wrong); the real file length is. A data size of 0xFFFFFFFF, written by streaming encoders
/// that could not seek back, means "until the end of the file".
/// </remarks>
public static class WavReader
{
    private const ushort FormatPcm = 0x0001;
    private const ushort FormatIeeeFloat = 0x0003;
    private const ushort FormatExtensible = 0xFFFE;
    private const uint UnknownDataSize = 0xFFFFFFFF;

    // Every KSDATAFORMAT_SUBTYPE_* GUID for a classic format tag is that tag followed by these 14 bytes.
    private static readonly byte[] SubFormatGuidTail =
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    public static WavContent Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AudioFormatException(path, $"the file cannot be opened ({e.Message})", e);
        }

        return Read(bytes, path);
    }

    /// <summary>Decodes WAV bytes; <paramref name="sourceName"/> only names the input in error messages.</summary>
    public static WavContent Read(ReadOnlySpan<byte> bytes, string sourceName)
    {
        if (bytes.Length < 12)
        {
            throw new AudioFormatException(sourceName, $"the file is {bytes.Length} bytes long, too short for a RIFF/WAVE header");
        }

        var riffId = Encoding.ASCII.GetString(bytes[..4]);
        if (riffId is "RIFX" or "RF64")
        {
            throw new UnsupportedWavEncodingException(sourceName, $"'{riffId}' WAV files (big-endian or 64-bit RIFF) are not supported");
        }

        if (riffId != "RIFF" || Encoding.ASCII.GetString(bytes[8..12]) != "WAVE")
        {
            throw new AudioFormatException(sourceName, "not a RIFF/WAVE file (missing 'RIFF....WAVE' header)");
        }

        WavFormat? format = null;
        var position = 12;
        while (position + 8 <= bytes.Length)
        {
            var chunkId = Encoding.ASCII.GetString(bytes.Slice(position, 4));
            var declaredSize = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(position + 4, 4));
            var bodyStart = position + 8;
            var remaining = bytes.Length - bodyStart;

            if (chunkId == "data")
            {
                if (format is null)
                {
                    throw new AudioFormatException(sourceName, "the data chunk comes before the fmt chunk, so its samples cannot be interpreted");
                }

                var dataSize = declaredSize == UnknownDataSize ? remaining - remaining % format.BlockAlign : (long)declaredSize;
                if (dataSize > remaining)
                {
                    throw new AudioFormatException(sourceName, $"truncated: the data chunk declares {declaredSize} bytes but only {remaining} remain");
                }

                if (dataSize % format.BlockAlign != 0)
                {
                    throw new AudioFormatException(sourceName, $"truncated: the data chunk holds {dataSize} bytes, not a whole number of {format.BlockAlign}-byte sample frames");
                }

                var samples = DecodeToMono(bytes.Slice(bodyStart, (int)dataSize), format);
                return new WavContent(format, new AudioClip(samples, format.SampleRate));
            }

            if (declaredSize > remaining)
            {
                throw new AudioFormatException(sourceName, $"truncated: chunk '{chunkId}' declares {declaredSize} bytes but only {remaining} remain");
            }

            if (chunkId == "fmt ")
            {
                format = ParseFormat(bytes.Slice(bodyStart, (int)declaredSize), sourceName);
            }

            // RIFF pads odd-sized chunks to an even length; the pad byte is not counted in the size.
            position = bodyStart + (int)declaredSize + (int)(declaredSize & 1);
        }

        throw new AudioFormatException(sourceName, format is null
            ? "no fmt chunk found (file is truncated or not a WAV file)"
            : "no data chunk found (file is truncated)");
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt, string sourceName)
    {
        if (fmt.Length < 16)
        {
            throw new AudioFormatException(sourceName, $"the fmt chunk is {fmt.Length} bytes, at least 16 are required");
        }

        var formatTag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bitsPerSample = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        var isExtensible = formatTag == FormatExtensible;

        if (isExtensible)
        {
            // cbSize(2) validBits(2) channelMask(4) subFormat GUID(16) follow the 16 classic bytes.
            if (fmt.Length < 40)
            {
                throw new AudioFormatException(sourceName, $"the WAVE_FORMAT_EXTENSIBLE fmt chunk is {fmt.Length} bytes, 40 are required");
            }

            var subFormat = fmt.Slice(24, 16);
            if (!subFormat[2..].SequenceEqual(SubFormatGuidTail))
            {
                throw new UnsupportedWavEncodingException(sourceName, $"WAVE_FORMAT_EXTENSIBLE sub-format {new Guid(subFormat)} is not a standard PCM/float GUID");
            }

            formatTag = BinaryPrimitives.ReadUInt16LittleEndian(subFormat);
        }

        var encoding = formatTag switch
        {
            FormatPcm => WavSampleEncoding.Pcm,
            FormatIeeeFloat => WavSampleEncoding.IeeeFloat,
            _ => throw new UnsupportedWavEncodingException(sourceName, $"WAV format tag 0x{formatTag:X4} is not supported (only PCM 0x0001 and IEEE float 0x0003)"),
        };

        if (channels == 0)
        {
            throw new AudioFormatException(sourceName, "the fmt chunk declares 0 channels");
        }

        if (sampleRate == 0 || sampleRate > int.MaxValue)
        {
            throw new AudioFormatException(sourceName, $"the fmt chunk declares an invalid sample rate of {sampleRate} Hz");
        }

        var supportedBits = encoding == WavSampleEncoding.Pcm ? bitsPerSample is 8 or 16 or 24 or 32 : bitsPerSample is 32 or 64;
        if (!supportedBits)
        {
            throw new UnsupportedWavEncodingException(sourceName, $"{bitsPerSample}-bit {(encoding == WavSampleEncoding.Pcm ? "PCM" : "float")} samples are not supported (PCM: 8/16/24/32, float: 32/64)");
        }

        var format = new WavFormat(encoding, channels, (int)sampleRate, bitsPerSample, isExtensible);
        if (blockAlign != format.BlockAlign)
        {
            throw new AudioFormatException(sourceName, $"the fmt chunk's block align is {blockAlign} bytes but {channels} channels of {bitsPerSample}-bit samples need {format.BlockAlign}");
        }

        return format;
    }

    private static float[] DecodeToMono(ReadOnlySpan<byte> data, WavFormat format) =>
        (format.Encoding, format.BitsPerSample) switch
        {
            (WavSampleEncoding.Pcm, 8) => DecodeToMono<UnsignedPcm8>(data, format.Channels),
            (WavSampleEncoding.Pcm, 16) => DecodeToMono<Pcm16>(data, format.Channels),
            (WavSampleEncoding.Pcm, 24) => DecodeToMono<Pcm24>(data, format.Channels),
            (WavSampleEncoding.Pcm, 32) => DecodeToMono<Pcm32>(data, format.Channels),
            (WavSampleEncoding.IeeeFloat, 32) => DecodeToMono<Float32>(data, format.Channels),
            _ => DecodeToMono<Float64>(data, format.Channels),
        };

    /// <summary>Averages the channels of each interleaved frame. Generic over the sample codec so the JIT compiles
    /// one tight loop per format instead of dispatching on the format for every sample.</summary>
    private static float[] DecodeToMono<TCodec>(ReadOnlySpan<byte> data, int channels)
        where TCodec : ISampleCodec
    {
        var frameCount = data.Length / (TCodec.Bytes * channels);
        var mono = new float[frameCount];
        var channelScale = 1.0 / channels;
        var offset = 0;
        for (var frame = 0; frame < frameCount; frame++)
        {
            double sum = 0;
            for (var channel = 0; channel < channels; channel++, offset += TCodec.Bytes)
            {
                sum += TCodec.Read(data.Slice(offset, TCodec.Bytes));
            }

            mono[frame] = (float)(sum * channelScale);
        }

        return mono;
    }

    /// <summary>One little-endian sample encoding, read as a value in [-1, 1].</summary>
    /// <remarks>Integer PCM maps full scale to [-1, 1): divide by 2^(bits-1). Extensible files with fewer valid bits
    /// than the container are left-justified, so the container size is the right divisor for them too.</remarks>
    private interface ISampleCodec
    {
        static abstract int Bytes { get; }
        static abstract double Read(ReadOnlySpan<byte> sample);
    }

    private readonly struct UnsignedPcm8 : ISampleCodec
    {
        public static int Bytes => 1;
        public static double Read(ReadOnlySpan<byte> sample) => (sample[0] - 128) / 128.0;
    }

    private readonly struct Pcm16 : ISampleCodec
    {
        public static int Bytes => 2;
        public static double Read(ReadOnlySpan<byte> sample) => BinaryPrimitives.ReadInt16LittleEndian(sample) / 32768.0;
    }

    private readonly struct Pcm24 : ISampleCodec
    {
        public static int Bytes => 3;
        public static double Read(ReadOnlySpan<byte> sample) => (sample[0] | (sample[1] << 8) | ((sbyte)sample[2] << 16)) / 8388608.0;
    }

    private readonly struct Pcm32 : ISampleCodec
    {
        public static int Bytes => 4;
        public static double Read(ReadOnlySpan<byte> sample) => BinaryPrimitives.ReadInt32LittleEndian(sample) / 2147483648.0;
    }

    private readonly struct Float32 : ISampleCodec
    {
        public static int Bytes => 4;
        public static double Read(ReadOnlySpan<byte> sample) => BinaryPrimitives.ReadSingleLittleEndian(sample);
    }

    private readonly struct Float64 : ISampleCodec
    {
        public static int Bytes => 8;
        public static double Read(ReadOnlySpan<byte> sample) => BinaryPrimitives.ReadDoubleLittleEndian(sample);
    }
}
