using System.Globalization;
using DistillPlatform.Features.Audio;

namespace DistillPlatform.Features.Tests.Audio;

/// <summary>
/// Every supported WAV variant, written by sox (an independent encoder) from a known float signal, must decode to
/// that signal averaged over channels, within the quantisation step of the format.
/// </summary>
public sealed class WavReaderSoxVariantTests
{
    public static TheoryData<string, int, string, int, int, bool> Variants => new()
    {
        // sox file type, bits, sox encoding, channels, sample rate, header expected to be WAVE_FORMAT_EXTENSIBLE
        { "wav", 8, "unsigned-integer", 1, 8000, false },
        { "wav", 16, "signed-integer", 1, 16000, false },
        { "wav", 16, "signed-integer", 2, 44100, false },
        { "wav", 16, "signed-integer", 4, 16000, true },   // sox uses EXTENSIBLE for more than 2 channels
        { "wav", 24, "signed-integer", 1, 22050, true },   // ... and for integer samples wider than 16 bits
        { "wav", 24, "signed-integer", 3, 48000, true },
        { "wavpcm", 24, "signed-integer", 2, 44100, false },
        { "wav", 32, "signed-integer", 1, 48000, true },
        { "wavpcm", 32, "signed-integer", 1, 11025, false },
        { "wav", 32, "floating-point", 2, 22050, false },
        { "wav", 32, "floating-point", 3, 8000, false },
        { "wav", 64, "floating-point", 1, 96000, false },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Decodes_sox_written_variant_to_the_channel_average(string soxType, int bits, string encoding, int channels, int rate, bool extensible)
    {
        using var directory = new TemporaryDirectory();
        const int length = 2000;
        // Different content per channel, so a wrong downmix or channel order shows up.
        var channelSignals = Enumerable.Range(0, channels)
            .Select(c => TestSignals.Sine(300 + 250 * c, rate, length, amplitude: 0.8 / (c + 1), phase: c))
            .ToArray();
        var raw = directory.File("signal.f32");
        TestSignals.WriteRawFloat32(raw, TestSignals.Interleave(channelSignals));
        var wav = directory.File("signal.wav");
        // -D: no dither, so every sample is the rounded input and the error stays within one quantisation step.
        ExternalTool.Run(ExternalTool.Sox, "-D", "-t", "raw", "-r", rate.ToString(CultureInfo.InvariantCulture),
            "-c", channels.ToString(CultureInfo.InvariantCulture), "-e", "floating-point", "-b", "32", raw,
            "-t", soxType, "-e", encoding, "-b", bits.ToString(CultureInfo.InvariantCulture), wav);

        var content = WavReader.Read(wav);

        Assert.Equal(channels, content.Format.Channels);
        Assert.Equal(rate, content.Format.SampleRate);
        Assert.Equal(rate, content.Audio.SampleRate);
        Assert.Equal(bits, content.Format.BitsPerSample);
        Assert.Equal(extensible, content.Format.IsExtensible);
        Assert.Equal(encoding == "floating-point" ? WavSampleEncoding.IeeeFloat : WavSampleEncoding.Pcm, content.Format.Encoding);
        Assert.Equal(length, content.Audio.Samples.Length);

        var tolerance = encoding == "floating-point" ? 1e-6 : 1.01 / Math.Pow(2, bits - 1);
        for (var n = 0; n < length; n++)
        {
            var expected = channelSignals.Average(signal => (double)signal[n]);
            Assert.True(Math.Abs(content.Audio.Samples[n] - expected) <= tolerance,
                $"sample {n}: decoded {content.Audio.Samples[n]}, expected {expected} ± {tolerance}");
        }
    }
}
