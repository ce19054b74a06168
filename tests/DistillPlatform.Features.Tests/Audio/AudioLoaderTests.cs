using DistillPlatform.Features.Audio;

namespace DistillPlatform.Features.Tests.Audio;

public sealed class AudioLoaderTests
{
    [Fact]
    public void Loads_a_quiet_stereo_22k_recording_as_trimmed_normalised_16k_mono()
    {
        using var directory = new TemporaryDirectory();
        const int rate = 22050;
        // 0.5 s silence, 1 s of a quiet 500 Hz tone on both channels, 0.5 s silence.
        float[] channel = [.. new float[rate / 2], .. TestSignals.Sine(500, rate, rate, amplitude: 0.02), .. new float[rate / 2]];
        var raw = directory.File("clip.f32");
        TestSignals.WriteRawFloat32(raw, TestSignals.Interleave(channel, channel));
        var wav = directory.File("clip.wav");
        ExternalTool.Run(ExternalTool.Sox, "-D", "-t", "raw", "-r", "22050", "-c", "2", "-e", "floating-point", "-b", "32", raw, "-b", "16", wav);
        var loader = new AudioLoader(new AudioPreprocessing(Normalization: NormalizationMode.Peak, TargetLevelDbfs: -1, TrimMarginMilliseconds: 50));

        var clip = loader.Load(wav);

        Assert.Equal(16000, clip.SampleRate);
        // 1 s of tone plus about 50 ms of margin each side (block rounding and the resampler's ringing add a little).
        Assert.InRange(clip.DurationSeconds, 1.09, 1.13);
        Assert.Equal(Math.Pow(10, -1 / 20.0), LevelNormalizer.Peak(clip.Samples), 1e-5);
    }

    [Fact]
    public void Invalid_preprocessing_is_rejected_up_front()
    {
        Assert.Throws<ArgumentException>(() => new AudioLoader(new AudioPreprocessing(TargetSampleRate: -16000)));
    }
}
