using DistillPlatform.Features.Audio;

namespace DistillPlatform.Features.Tests.Audio;

public sealed class LevelNormalizerTests
{
    [Fact]
    public void Peak_mode_scales_the_largest_sample_to_the_target()
    {
        float[] quiet = [0.01f, -0.05f, 0.02f]; // peaks at -26 dBFS

        var normalized = LevelNormalizer.Normalize(quiet, NormalizationMode.Peak, targetDbfs: -6);

        var gain = Math.Pow(10, -6 / 20.0) / 0.05;
        Assert.Equal(0.01 * gain, normalized[0], 1e-6);
        Assert.Equal(-0.05 * gain, normalized[1], 1e-6);
        Assert.Equal(0.02 * gain, normalized[2], 1e-6);
    }

    [Fact]
    public void Rms_mode_reaches_the_target_rms()
    {
        var sine = TestSignals.Sine(100, 16000, 16000, amplitude: 0.01); // RMS 0.01/√2

        var normalized = LevelNormalizer.Normalize(sine, NormalizationMode.Rms, targetDbfs: -20);

        Assert.Equal(0.1, LevelNormalizer.Rms(normalized), 1e-5);
    }

    [Fact]
    public void Rms_gain_is_capped_so_the_peak_does_not_clip()
    {
        // One spike and near silence: reaching -10 dBFS RMS would push the spike far above full scale.
        var clicks = new float[1000];
        clicks[10] = 0.1f;

        var normalized = LevelNormalizer.Normalize(clicks, NormalizationMode.Rms, targetDbfs: -10);

        Assert.Equal(1.0, normalized[10], 1e-6);
    }

    [Fact]
    public void None_mode_and_silence_are_left_unchanged()
    {
        float[] samples = [0.3f, -0.2f];
        Assert.Equal(samples, LevelNormalizer.Normalize(samples, NormalizationMode.None, -1));
        Assert.Equal(new float[4], LevelNormalizer.Normalize(new float[4], NormalizationMode.Rms, -20));
    }

    [Fact]
    public void Positive_target_is_rejected()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LevelNormalizer.Normalize([0.1f], NormalizationMode.Peak, 3));
        Assert.Contains("at most 0 dBFS", error.Message);
    }
}
