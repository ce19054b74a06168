using System.Buffers.Binary;
using DistillPlatform.Features.Audio;

namespace DistillPlatform.Features.Tests.Audio;

/// <summary>Chunk walking, hand-built headers and the errors for broken files.</summary>
public sealed class WavReaderStructureTests
{
    private const string Name = "clip.wav";
    private static readonly short[] FourSamples = [0, 16384, -16384, -32768];
    private static readonly float[] FourSamplesAsFloat = [0f, 0.5f, -0.5f, -1f];

    [Fact]
    public void Skips_odd_sized_list_chunk_with_its_pad_byte_and_chunks_after_data()
    {
        var list = WavBytes.Chunk("LIST", "INFOISFT\u0005\0\0\0abcde"u8.ToArray()); // 17 bytes: one pad byte follows
        var file = WavBytes.Riff(
            WavBytes.Format(1, 1, 16000, 16),
            list,
            WavBytes.Chunk("data", WavBytes.Int16Samples(FourSamples)),
            WavBytes.Chunk("id3 ", [1, 2, 3]));

        var content = WavReader.Read(file, Name);

        Assert.Equal(FourSamplesAsFloat, content.Audio.Samples);
    }

    [Fact]
    public void Chunks_before_fmt_are_skipped()
    {
        var file = WavBytes.Riff(
            WavBytes.Chunk("JUNK", new byte[27]),
            WavBytes.Format(1, 1, 8000, 16),
            WavBytes.Chunk("data", WavBytes.Int16Samples(FourSamples)));

        Assert.Equal(FourSamplesAsFloat, WavReader.Read(file, Name).Audio.Samples);
    }

    [Fact]
    public void Hand_built_extensible_16_bit_stereo_is_downmixed()
    {
        // Left = samples, right = their negation / 2: the mean is samples / 4.
        short[] interleaved = [16384, -8192, -32768, 16384];
        var file = WavBytes.Riff(
            WavBytes.ExtensibleFormat(1, 2, 44100, 16, validBits: 16),
            WavBytes.Chunk("data", WavBytes.Int16Samples(interleaved)));

        var content = WavReader.Read(file, Name);

        Assert.True(content.Format.IsExtensible);
        Assert.Equal([0.125f, -0.25f], content.Audio.Samples);
    }

    [Fact]
    public void Extensible_float_sub_format_is_read_as_float()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(data, 0.25f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -0.75f);
        var file = WavBytes.Riff(WavBytes.ExtensibleFormat(3, 1, 16000, 32, validBits: 32), WavBytes.Chunk("data", data));

        var content = WavReader.Read(file, Name);

        Assert.Equal(WavSampleEncoding.IeeeFloat, content.Format.Encoding);
        Assert.Equal([0.25f, -0.75f], content.Audio.Samples);
    }

    [Fact]
    public void Streaming_placeholder_data_size_reads_to_the_end_of_the_file()
    {
        var file = WavBytes.Riff(
            WavBytes.Format(1, 1, 16000, 16),
            WavBytes.ChunkWithDeclaredSize("data", 0xFFFFFFFF, WavBytes.Int16Samples(FourSamples)));

        Assert.Equal(FourSamplesAsFloat, WavReader.Read(file, Name).Audio.Samples);
    }

    [Fact]
    public void Data_before_fmt_is_rejected()
    {
        var file = WavBytes.Riff(WavBytes.Chunk("data", WavBytes.Int16Samples(FourSamples)), WavBytes.Format(1, 1, 16000, 16));

        AssertFails(file, "data chunk comes before the fmt chunk");
    }

    [Fact]
    public void Truncated_data_is_rejected()
    {
        var file = WavBytes.Riff(
            WavBytes.Format(1, 1, 16000, 16),
            WavBytes.ChunkWithDeclaredSize("data", 1000, WavBytes.Int16Samples(FourSamples)));

        AssertFails(file, "truncated: the data chunk declares 1000 bytes but only 8 remain");
    }

    [Fact]
    public void Partial_sample_frame_is_rejected()
    {
        var file = WavBytes.Riff(WavBytes.Format(1, 2, 16000, 16), WavBytes.Chunk("data", new byte[6]));

        AssertFails(file, "not a whole number of 4-byte sample frames");
    }

    [Fact]
    public void File_cut_inside_the_header_is_rejected()
    {
        var complete = WavBytes.Riff(WavBytes.Format(1, 1, 16000, 16), WavBytes.Chunk("data", WavBytes.Int16Samples(FourSamples)));

        AssertFails(complete[..8], "too short for a RIFF/WAVE header");
        AssertFails(complete[..30], "truncated: chunk 'fmt ' declares 16 bytes but only 10 remain");
        AssertFails(complete[..36], "no data chunk found");
    }

    [Fact]
    public void Missing_fmt_is_rejected()
    {
        AssertFails(WavBytes.Riff(WavBytes.Chunk("LIST", new byte[4])), "no fmt chunk found");
    }

    [Fact]
    public void Non_wave_input_is_rejected()
    {
        AssertFails("fLaC\0\0\0\"this is not a wave file"u8.ToArray(), "not a RIFF/WAVE file");
    }

    [Theory]
    [InlineData((ushort)0x0006, "0x0006")] // A-law
    [InlineData((ushort)0x0002, "0x0002")] // MS ADPCM
    [InlineData((ushort)0x0055, "0x0055")] // MP3
    public void Compressed_encodings_are_reported_as_unsupported(ushort formatTag, string expectedTag)
    {
        var file = WavBytes.Riff(WavBytes.Format(formatTag, 1, 8000, 8), WavBytes.Chunk("data", new byte[4]));

        var error = Assert.Throws<UnsupportedWavEncodingException>(() => WavReader.Read(file, Name));
        Assert.Contains(expectedTag, error.Message);
        Assert.Contains(Name, error.Message);
    }

    [Fact]
    public void Unknown_extensible_sub_format_is_unsupported()
    {
        var file = WavBytes.Riff(WavBytes.ExtensibleFormat(1, 1, 16000, 16, 16, standardGuid: false), WavBytes.Chunk("data", new byte[4]));

        var error = Assert.Throws<UnsupportedWavEncodingException>(() => WavReader.Read(file, Name));
        Assert.Contains("sub-format", error.Message);
    }

    [Fact]
    public void Unsupported_bit_depth_and_inconsistent_header_fields_are_rejected()
    {
        Assert.Throws<UnsupportedWavEncodingException>(() =>
            WavReader.Read(WavBytes.Riff(WavBytes.Format(1, 1, 16000, 12, blockAlign: 2), WavBytes.Chunk("data", new byte[4])), Name));
        AssertFails(WavBytes.Riff(WavBytes.Format(1, 0, 16000, 16, blockAlign: 2), WavBytes.Chunk("data", new byte[4])), "0 channels");
        AssertFails(WavBytes.Riff(WavBytes.Format(1, 2, 16000, 16, blockAlign: 2), WavBytes.Chunk("data", new byte[4])), "block align is 2 bytes");
        AssertFails(WavBytes.Riff(WavBytes.Format(1, 1, 0, 16), WavBytes.Chunk("data", new byte[4])), "invalid sample rate");
    }

    [Fact]
    public void Errors_from_files_name_the_file()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("broken.wav");
        File.WriteAllBytes(path, WavBytes.Riff(WavBytes.Chunk("data", new byte[4])));

        var error = Assert.Throws<AudioFormatException>(() => WavReader.Read(path));

        Assert.Equal(path, error.FilePath);
        Assert.StartsWith($"Cannot read audio '{path}': ", error.Message);
    }

    private static void AssertFails(byte[] file, string expectedProblem)
    {
        var error = Assert.Throws<AudioFormatException>(() => WavReader.Read(file, Name));
        Assert.Contains(expectedProblem, error.Message);
        Assert.Contains(Name, error.Message);
    }
}
