using DistillPlatform.Features.Audio;

namespace DistillPlatform.Features.Tests.Audio;

public sealed class SilenceTrimmerTests
{
    private const int Rate = 16000;

    [Fact]
    public void Cuts_leading_and_trailing_silence_keeping_the_margin()
    {
        // 0.5 s silence, 1 s tone, 0.7 s of faint noise 60 dB under the tone.
        var tone = TestSignals.Sine(440, Rate, Rate, amplitude: 0.5);
        var faint = TestSignals.Sine(3000, Rate, 11200, amplitude: 0.0005);
        float[] signal = [.. new float[8000], .. tone, .. faint];

        var trimmed = SilenceTrimmer.Trim(signal, Rate, thresholdDb: -40, marginMilliseconds: 50);

        // Blocks are 160 samples; the tone occupies blocks 50..149 exactly, and 50 ms is 800 samples each side.
        Assert.Equal(Rate + 2 * 800, trimmed.Length);
        Assert.Equal(signal.AsSpan(8000 - 800, trimmed.Length).ToArray(), trimmed);
    }

    [Fact]
    public void Margin_is_clipped_at_the_signal_edges()
    {
        float[] signal = [.. TestSignals.Sine(440, Rate, 1600), .. new float[320]];

        var trimmed = SilenceTrimmer.Trim(signal, Rate, -40, marginMilliseconds: 1000);

        Assert.Equal(signal, trimmed);
    }

    [Fact]
    public void Threshold_is_relative_to_the_peak_so_gain_does_not_matter()
    {
        float[] loud = [.. new float[1600], .. TestSignals.Sine(440, Rate, 3200, amplitude: 0.9), .. new float[1600]];
        var quiet = loud.Select(s => s * 0.001f).ToArray();

        Assert.Equal(
            SilenceTrimmer.Trim(loud, Rate, -30, 20).Length,
            SilenceTrimmer.Trim(quiet, Rate, -30, 20).Length);
    }

    [Fact]
    public void Digital_silence_is_returned_unchanged()
    {
        Assert.Equal(new float[500], SilenceTrimmer.Trim(new float[500], Rate, -40, 50));
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SilenceTrimmer.Trim([0.1f], Rate, thresholdDb: 0, 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => SilenceTrimmer.Trim([0.1f], Rate, -40, marginMilliseconds: -1));
    }
}
