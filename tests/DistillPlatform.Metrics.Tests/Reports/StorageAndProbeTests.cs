using DistillPlatform.Metrics.Reports;

namespace DistillPlatform.Metrics.Tests.Reports;

public class StorageAndProbeTests
{
    [Fact]
    public void Storage_reductions_are_relative_savings_against_features_and_audio()
    {
        var storage = new StorageFootprint(SourceAudioBytes: 1_000_000, RealFeatureSetBytes: 200_000, TrainingSetBytes: 10_000, GeneratorBytes: 50_000);

        // 10 000 / 200 000 = 5 % of the size -> 95 % smaller; 10 000 / 1 000 000 = 1 % -> 99 % smaller.
        Assert.Equal(95.0, storage.TrainingSetReductionVsRealFeaturesPercent, 12);
        Assert.Equal(99.0, storage.TrainingSetReductionVsAudioPercent, 12);
        // 50 000 / 200 000 = 25 % -> 75 % smaller; 50 000 / 1 000 000 = 5 % -> 95 % smaller.
        Assert.Equal(75.0, storage.GeneratorReductionVsRealFeaturesPercent!.Value, 12);
        Assert.Equal(95.0, storage.GeneratorReductionVsAudioPercent!.Value, 12);
    }

    [Fact]
    public void A_larger_training_set_has_a_negative_reduction_and_no_generator_has_none()
    {
        var storage = new StorageFootprint(1_000, 400, 500, null);

        Assert.Equal(-25.0, storage.TrainingSetReductionVsRealFeaturesPercent, 12);
        Assert.Null(storage.GeneratorReductionVsAudioPercent);
    }

    [Fact]
    public void Storage_sizes_must_be_positive()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StorageFootprint(1_000, 0, 10, null));
        Assert.Contains("real feature set", error.Message);
        Assert.Contains("generator", Assert.Throws<ArgumentOutOfRangeException>(() => new StorageFootprint(1_000, 10, 10, -1)).Message);
    }

    [Fact]
    public void Reduction_percent_and_its_guards()
    {
        Assert.Equal(75.0, Reduction.Percent(25, 100), 12);
        Assert.Equal(0.0, Reduction.Percent(100, 100), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Reduction.Percent(1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Reduction.Percent(double.NaN, 1));
    }

    [Fact]
    public void Speaker_probe_validates_and_derives_uniform_chance()
    {
        var probe = SpeakerProbeResult.WithUniformChance(0.23, 10);

        Assert.Equal(0.1, probe.ChanceLevel, 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpeakerProbeResult(1.2, 10, 0.1));
        Assert.Contains("at least 2 speakers", Assert.Throws<ArgumentOutOfRangeException>(() => SpeakerProbeResult.WithUniformChance(0.5, 1)).Message);
    }
}
