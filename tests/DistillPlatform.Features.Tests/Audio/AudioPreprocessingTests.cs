using DistillPlatform.Features.Audio;

namespace DistillPlatform.Features.Tests.Audio;

public sealed class AudioPreprocessingTests
{
    [Fact]
    public void Id_spells_out_every_setting_that_takes_effect()
    {
        Assert.Equal("sr16000-rms-23dBFS-trim-40dB-100ms", AudioPreprocessing.Default.Id);
        Assert.Equal("sr16000-peak-1.5dBFS-notrim",
            new AudioPreprocessing(Normalization: NormalizationMode.Peak, TargetLevelDbfs: -1.5, TrimSilence: false).Id);
        Assert.Equal("sr8000-nonorm-trim-35dB-20ms",
            new AudioPreprocessing(8000, NormalizationMode.None, TrimThresholdDb: -35, TrimMarginMilliseconds: 20).Id);
    }

    [Fact]
    public void Equal_settings_give_equal_ids_and_different_settings_different_ids()
    {
        Assert.Equal(new AudioPreprocessing().Id, new AudioPreprocessing(16000, NormalizationMode.Rms, -23, true, -40, 100).Id);
        Assert.NotEqual(AudioPreprocessing.Default.Id, (AudioPreprocessing.Default with { TrimMarginMilliseconds = 101 }).Id);
    }

    [Fact]
    public void Validate_names_the_bad_setting()
    {
        Assert.Contains("TargetSampleRate", Assert.Throws<ArgumentException>(() => new AudioPreprocessing(TargetSampleRate: 0).Validate()).Message);
        Assert.Contains("TargetLevelDbfs", Assert.Throws<ArgumentException>(() => new AudioPreprocessing(TargetLevelDbfs: 2).Validate()).Message);
        Assert.Contains("TrimThresholdDb", Assert.Throws<ArgumentException>(() => new AudioPreprocessing(TrimThresholdDb: 5).Validate()).Message);
        Assert.Contains("TrimMarginMilliseconds", Assert.Throws<ArgumentException>(() => new AudioPreprocessing(TrimMarginMilliseconds: -5).Validate()).Message);
    }
}
