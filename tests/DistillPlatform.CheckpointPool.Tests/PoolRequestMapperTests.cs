using DistillPlatform.Contracts.Pool;
using DistillPlatform.Emotion.Pool;
using DistillPlatform.Services.CheckpointPool;

namespace DistillPlatform.CheckpointPool.Tests;

public sealed class PoolRequestMapperTests
{
    private static readonly TrainCheckpointPool Request = new(
        Guid.NewGuid(), "features-abc", Runs: 3, KeptEpochsSpec.EveryEpochs(2), new PoolHeadSpec(), new PoolTrainingSpec(MaxEpochs: 6));

    [Fact]
    public void Settings_map_onto_the_trainer_options_with_seeds_from_the_base_seed()
    {
        PoolPlan plan = PoolRequestMapper.ToPlan(Request with { BaseSeed = 40 });

        Assert.Equal([40, 41, 42], plan.Options.Seeds);
        Assert.Equal(CheckpointSchedule.EveryEpochs(2), plan.Options.Keep);
        Assert.Equal(("superb-emotion", 256, 5), (plan.Options.Head.Type, plan.Options.Head.HiddenSize, plan.Options.Head.KernelSize));
        Assert.Equal((1e-4, 32, 6), (plan.Options.Training.LearningRate, plan.Options.Training.BatchSize, plan.Options.Training.MaxEpochs));
        Assert.Null(plan.Options.Training.Patience);
        Assert.Equal([7, 3, 9], PoolRequestMapper.ToPlan(Request with { Seeds = [7, 3, 9] }).Options.Seeds);
        Assert.Equal(CheckpointSchedule.AtEpochs(2, 5), PoolRequestMapper.ToPlan(Request with { Keep = KeptEpochsSpec.AtEpochs(5, 2) }).Options.Keep);
    }

    [Fact]
    public void Pool_id_depends_on_what_shapes_the_checkpoints_and_nothing_else()
    {
        string id = PoolRequestMapper.ToPlan(Request).PoolId;

        Assert.Matches("^pool-[0-9a-f]{20}$", id);
        Assert.Equal(id, PoolRequestMapper.ToPlan(Request with { RequestId = Guid.NewGuid() }).PoolId);
        // Explicit seeds equal to the derived ones describe the same runs.
        Assert.Equal(id, PoolRequestMapper.ToPlan(Request with { Seeds = [1, 2, 3] }).PoolId);
        TrainCheckpointPool[] different =
        [
            Request with { FeatureSetId = "features-abd" },
            Request with { Runs = 2 },
            Request with { BaseSeed = 2 },
            Request with { Keep = KeptEpochsSpec.EveryEpochs(3) },
            Request with { Head = new PoolHeadSpec(PoolHeadSpec.TemporalConv) },
            Request with { Training = new PoolTrainingSpec(LearningRate: 1e-3, MaxEpochs: 6) },
            Request with { Training = new PoolTrainingSpec(BatchSize: 16, MaxEpochs: 6) },
            Request with { Training = new PoolTrainingSpec(MaxEpochs: 8) },
        ];
        Assert.Equal(different.Length + 1, different.Select(r => PoolRequestMapper.ToPlan(r).PoolId).Append(id).Distinct().Count());
    }

    [Fact]
    public void Pool_ids_stay_exactly_what_earlier_versions_computed()
    {
        // Regression pins: stored pools are found by id, so the recipe must never drift. These values were computed
        // by the mapper before its hashing moved to ContentId; a change here orphans every pool already stored.
        Assert.Equal("pool-2608afdb656fa6985165", PoolRequestMapper.ToPlan(Request).PoolId);
        Assert.Equal("pool-61977d10b9b0528860a1", PoolRequestMapper.ToPlan(Request with
        {
            Keep = KeptEpochsSpec.AtEpochs(5, 2),
            Seeds = [7, 3, 9],
            Head = new PoolHeadSpec(PoolHeadSpec.TemporalConv),
            Training = new PoolTrainingSpec(LearningRate: 1e-3, BatchSize: 16, MaxEpochs: 6),
        }).PoolId);
    }

    public static TheoryData<TrainCheckpointPool, string> BadRequests => new()
    {
        { Request with { FeatureSetId = " " }, "FeatureSetId is empty" },
        { Request with { FeatureSetId = "a/b" }, "single non-empty path segment" },
        { Request with { Runs = 0 }, "Runs must be at least 1" },
        { Request with { Seeds = [1, 2] }, "2 seeds were given for 3 runs" },
        { Request with { Seeds = [1, 2, 1] }, "seeds must differ" },
        { Request with { Keep = new KeptEpochsSpec(2, [1]) }, "exactly one of Every" },
        { Request with { Keep = new KeptEpochsSpec(null, null) }, "exactly one of Every" },
        { Request with { Keep = KeptEpochsSpec.AtEpochs(7, 9) }, "selects no epoch within MaxEpochs 6" },
        { Request with { Head = new PoolHeadSpec("lstm") }, "Unknown head type 'lstm'" },
        { Request with { Training = new PoolTrainingSpec(LearningRate: 0) }, "LearningRate must be a positive number" },
        { Request with { Training = new PoolTrainingSpec(BatchSize: 0) }, "BatchSize must be at least 1" },
        { Request with { Training = new PoolTrainingSpec(MaxEpochs: 0) }, "MaxEpochs must be at least 1" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Bad_settings_are_rejected_with_a_message_naming_them(TrainCheckpointPool request, string expected)
    {
        var error = Assert.Throws<InvalidPoolRequestException>(() => PoolRequestMapper.ToPlan(request));

        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
