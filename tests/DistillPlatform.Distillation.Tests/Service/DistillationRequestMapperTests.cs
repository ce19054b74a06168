using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Gan.Configuration;
using DistillPlatform.Services.Distillation;

namespace DistillPlatform.Distillation.Tests.Service;

public sealed class DistillationRequestMapperTests
{
    private static readonly DistillGenerator Command = new(Guid.NewGuid(), "features-1", "pool-1", "cnn", "cpu-small", "+div", Steps: 100);

    private static string IdOf(DistillGenerator command) => DistillationRequestMapper.ToPlan(command).GeneratorId;

    [Fact]
    public void A_plan_carries_the_preset_with_overrides_and_the_settings()
    {
        var plan = DistillationRequestMapper.ToPlan(Command with { Architecture = "ATT", HyperParameters = new GanHyperParametersSpec(DiversityCap: 0.5, CriticSteps: 3) });

        Assert.Equal(GanArchitecture.Att, plan.Settings.Architecture);
        Assert.Equal(new GanHyperParameters(DiversityWeight: 1.0, DiversityCap: 0.5, CriticSteps: 3), plan.Settings.HyperParameters);
        Assert.Equal(("features-1", 100L, 1, 16, 50), (plan.FeatureSetId, plan.Settings.Steps, plan.Settings.Seed, plan.Settings.BatchSize, plan.Settings.CheckpointEvery));
        Assert.StartsWith("gen-", plan.GeneratorId);
        Assert.Equal(plan.GeneratorId, plan.Settings.GeneratorId);
    }

    [Fact]
    public void The_generator_id_depends_on_what_changes_the_weights_and_nothing_else()
    {
        string id = IdOf(Command);

        Assert.Equal(id, IdOf(Command with { RequestId = Guid.NewGuid(), CheckpointEvery = 7 }));
        // An override equal to the preset's value trains the same generator.
        Assert.Equal(id, IdOf(Command with { HyperParameters = new GanHyperParametersSpec(DiversityWeight: 1.0) }));
        // Without softmax matching the pool is not used, so it does not name the generator either.
        Assert.Equal(id, IdOf(Command with { PoolId = "another-pool" }));
        Assert.Null(DistillationRequestMapper.ToPlan(Command).PoolId);

        var different = new[]
        {
            Command with { FeatureSetId = "features-2" }, Command with { Architecture = "att" }, Command with { ModelPreset = "cpu-tiny" },
            Command with { LossPreset = "baseline" }, Command with { Steps = 101 }, Command with { Seed = 2 }, Command with { BatchSize = 32 },
            Command with { HyperParameters = new GanHyperParametersSpec(GeneratorLearningRate: 2e-4) },
        }.Select(IdOf).Append(id).ToList();
        Assert.Equal(different.Count, different.Distinct().Count());
    }

    [Fact]
    public void Softmax_matching_keeps_the_pool_and_the_pool_names_the_generator()
    {
        var sml = Command with { LossPreset = "+sml" };

        Assert.Equal("pool-1", DistillationRequestMapper.ToPlan(sml).PoolId);
        Assert.NotEqual(IdOf(sml), IdOf(sml with { PoolId = "pool-2" }));
    }

    [Fact]
    public void Generator_ids_stay_exactly_what_earlier_versions_computed()
    {
        // Regression pins: stored generators are found by id, so the recipe must never drift. These values were
        // computed by the mapper before its hashing moved to ContentId; a change here orphans every stored generator.
        Assert.Equal("gen-dac40929c560f67b9557", IdOf(Command));
        Assert.Equal("gen-27747fb918b59e5c6404", IdOf(Command with
        {
            Architecture = "att",
            LossPreset = "+div+sml",
            HyperParameters = new GanHyperParametersSpec(DiversityCap: 0.5, CriticSteps: 3),
            Steps = 2500,
            Seed = 7,
            BatchSize = 32,
        }));
    }

    [Theory]
    [InlineData("gan", "cpu-small", "+div", 100, 32, "Unknown GAN architecture 'gan'")]
    [InlineData("cnn", "laptop", "+div", 100, 32, "Unknown GAN model preset 'laptop'")]
    [InlineData("cnn", "cpu-small", "+fancy", 100, 32, "Unknown GAN loss preset '+fancy'")]
    [InlineData("cnn", "cpu-small", "+div", 0, 32, "Steps must be at least 1")]
    [InlineData("cnn", "cpu-small", "+div", 100, 0, "BatchSize is 0")]
    public void Bad_settings_are_refused_naming_the_setting(string architecture, string modelPreset, string lossPreset, int steps, int batchSize, string reason)
    {
        var error = Assert.Throws<InvalidDistillationRequestException>(() => DistillationRequestMapper.ToPlan(
            Command with { Architecture = architecture, ModelPreset = modelPreset, LossPreset = lossPreset, Steps = steps, BatchSize = batchSize }));

        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Softmax_matching_without_a_pool_and_bad_overrides_are_refused()
    {
        Assert.Contains("needs a checkpoint pool", Assert.Throws<InvalidDistillationRequestException>(
            () => DistillationRequestMapper.ToPlan(Command with { LossPreset = "+div+sml", PoolId = null })).Message);
        Assert.Contains("must be finite and not negative", Assert.Throws<InvalidDistillationRequestException>(
            () => DistillationRequestMapper.ToPlan(Command with { HyperParameters = new GanHyperParametersSpec(FeatureMatchingWeight: -1) })).Message);
        // λ6 switched on by an override needs a pool as much as a +sml preset does.
        Assert.Contains("needs a checkpoint pool", Assert.Throws<InvalidDistillationRequestException>(
            () => DistillationRequestMapper.ToPlan(Command with { PoolId = null, HyperParameters = new GanHyperParametersSpec(SoftmaxMatchingWeight: 0.5) })).Message);
    }
}
