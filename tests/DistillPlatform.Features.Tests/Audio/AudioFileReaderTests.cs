using DistillPlatform.Features.Audio;

namespace DistillPlatform.Features.Tests.Audio;

/// <summary>Formats other than PCM/float WAV go through sox; without sox they fail with an actionable message.</summary>
public sealed class AudioFileReaderTests
{
    private const int Rate = 22050;

    [Theory]
    [InlineData("flac", new[] { "-b", "16" }, 1.01 / 32768)]
    [InlineData("wav", new[] { "-e", "a-law" }, 0.02)] // A-law WAV: a valid container with a codec only sox decodes
    public void Decodes_through_sox(string extension, string[] encodingOptions, double tolerance)
    {
        using var directory = new TemporaryDirectory();
        var signal = TestSignals.Sine(440, Rate, 3000, amplitude: 0.6);
        var path = WriteWithSox(directory, signal, extension, encodingOptions);

        var clip = new AudioFileReader().Read(path);

        Assert.Equal(Rate, clip.SampleRate);
        Assert.Equal(signal.Length, clip.Samples.Length);
        for (var n = 0; n < signal.Length; n++)
        {
            Assert.True(Math.Abs(clip.Samples[n] - signal[n]) <= tolerance, $"sample {n}: {clip.Samples[n]} vs {signal[n]}");
        }
    }

    [Fact]
    public void Plain_wav_needs_no_sox()
    {
        using var directory = new TemporaryDirectory();
        var signal = TestSignals.Sine(440, Rate, 500);
        var path = WriteWithSox(directory, signal, "wav", ["-e", "floating-point", "-b", "32"]);

        var clip = new AudioFileReader(new SoxConverter("/nonexistent/sox")).Read(path);

        // sox passes float samples through its 32-bit integer pipeline: equal to about 1e-8, not bit-exact.
        Assert.Equal(signal.Length, clip.Samples.Length);
        Assert.All(signal.Zip(clip.Samples), pair => Assert.Equal(pair.First, pair.Second, 1e-6));
    }

    [Fact]
    public void Without_sox_other_formats_fail_with_installation_hint()
    {
        using var directory = new TemporaryDirectory();
        var path = WriteWithSox(directory, TestSignals.Sine(440, Rate, 500), "flac", ["-b", "16"]);

        var error = Assert.Throws<AudioFormatException>(() => new AudioFileReader(new SoxConverter("/nonexistent/sox")).Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("sox is not installed", error.Message);
    }

    [Fact]
    public void Corrupt_file_that_sox_cannot_decode_reports_the_file_and_sox_message()
    {
        using var directory = new TemporaryDirectory();
        var path = directory.File("garbage.flac");
        File.WriteAllBytes(path, "this is not audio at all, just text pretending to be a flac file"u8.ToArray());

        var error = Assert.Throws<AudioFormatException>(() => new AudioFileReader().Read(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("sox could not decode it", error.Message);
    }

    [Fact]
    public void Missing_file_is_reported()
    {
        var error = Assert.Throws<FileNotFoundException>(() => new AudioFileReader().Read("/nonexistent/clip.wav"));
        Assert.Contains("/nonexistent/clip.wav", error.Message);
    }

    private static string WriteWithSox(TemporaryDirectory directory, float[] signal, string extension, string[] encodingOptions)
    {
        var raw = directory.File("signal.f32");
        TestSignals.WriteRawFloat32(raw, signal);
        var path = directory.File($"signal.{extension}");
        ExternalTool.Run(ExternalTool.Sox, ["-D", "-t", "raw", "-r", Rate.ToString(), "-c", "1", "-e", "floating-point", "-b", "32", raw, .. encodingOptions, path]);
        return path;
    }
}
