using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Emotion.Pool;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Services.CheckpointPool;
using MassTransit;

namespace DistillPlatform.CheckpointPool.Tests;

public sealed class CheckpointPoolServiceTests(CheckpointPoolServiceFixture service) : IClassFixture<CheckpointPoolServiceFixture>
{
    /// <summary>Covers training a tiny pool on a loaded two-core machine.</summary>
    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromMinutes(2);

    private const int MaxEpochs = 3;

    /// <summary>A tiny pool: 2 runs of 3 epochs, keeping epochs 2 and 3 of each.</summary>
    private static TrainCheckpointPool TinyPool(string featureSetId, int baseSeed) => new(
        Guid.NewGuid(),
        featureSetId,
        Runs: 2,
        Keep: KeptEpochsSpec.AtEpochs(2, 3),
        Head: new PoolHeadSpec(PoolHeadSpec.SuperbEmotion, HiddenSize: 16),
        Training: new PoolTrainingSpec(LearningRate: 1e-3, BatchSize: 8, MaxEpochs: MaxEpochs),
        BaseSeed: baseSeed);

    [Fact]
    public async Task A_pool_is_trained_stored_and_loadable_and_the_same_request_is_answered_from_the_store()
    {
        TrainCheckpointPool command = TinyPool(service.WithDev.Manifest.Id, baseSeed: 11);
        CheckpointPoolTrained trained = await TrainAsync(command);

        Assert.False(trained.FromCache);
        Assert.Equal(PoolRequestMapper.ToPlan(command).PoolId, trained.PoolId);
        Assert.Equal(4, trained.CheckpointCount);
        Assert.EndsWith($"/pools/{trained.PoolId}/index.json", trained.Index.Uri);

        string folder = service.NewFolder();
        await new ArtifactFolders(service.Store).DownloadAsync(new ArtifactFolder("pools", trained.PoolId, "index.json"), folder);
        using var pool = DistillPlatform.Emotion.Pool.CheckpointPool.Load(folder);
        Assert.Equal([(0, 11, 2), (0, 11, 3), (1, 12, 2), (1, 12, 3)], pool.Checkpoints.Select(c => (c.Run, c.Seed, c.Epoch)));
        Assert.Equal(service.WithDev.Manifest.Classes, pool.Index.Classes);
        Assert.Equal($"{service.WithDev.Manifest.Id}/train", pool.Index.TrainingSet);
        PooledClassifier classifier = pool.Get(3);
        Assert.Equal((service.WithDev.Manifest.Dimensions, 4), (classifier.InputDimensions, classifier.ClassCount));

        // Every epoch of every run was reported, and each kept checkpoint carries the dev UAR its epoch reported.
        var progress = await service.Outcomes.WaitForProgressAsync(command.RequestId, 6, OutcomeTimeout);
        Assert.Equal(
            [(0, 1), (0, 2), (0, 3), (1, 1), (1, 2), (1, 3)],
            progress.Select(p => (p.Run, p.Epoch)).Order());
        Assert.All(progress, p => Assert.InRange(p.DevUar!.Value, 0, 1));
        foreach (CheckpointEntry checkpoint in pool.Checkpoints)
            Assert.Equal(progress.Single(p => (p.Run, p.Epoch) == (checkpoint.Run, checkpoint.Epoch)).DevUar, checkpoint.DevUar);

        CheckpointPoolTrained again = await TrainAsync(command with { RequestId = Guid.NewGuid() });

        Assert.True(again.FromCache);
        Assert.Equal((trained.PoolId, trained.Index, 4), (again.PoolId, again.Index, again.CheckpointCount));
    }

    [Fact]
    public async Task Runs_stored_by_an_interrupted_attempt_are_reused_not_retrained()
    {
        TrainCheckpointPool command = TinyPool(service.WithDev.Manifest.Id, baseSeed: 21);
        PoolPlan plan = PoolRequestMapper.ToPlan(command);
        var poolFolder = new ArtifactFolder("pools", plan.PoolId, "index.json");
        // What an attempt that died after its first run left in the store: run 0's checkpoints and the index snapshot.
        string earlier = service.NewFolder();
        var reader = FeatureSetReader.Open(service.WithDev.Directory);
        var options = DistillPlatform.Emotion.Data.EmotionDatasetOptions.NormalizedBy(reader.Manifest);
        var firstRun = new CheckpointPoolTrainer(plan.Options with { Seeds = [plan.Options.Seeds[0]] }).Train(
            DistillPlatform.Emotion.Data.EmotionDataset.Load(reader, DataSplit.Train, options),
            DistillPlatform.Emotion.Data.EmotionDataset.Load(reader, DataSplit.Dev, options),
            earlier);
        var folders = new ArtifactFolders(service.Store);
        foreach (CheckpointEntry checkpoint in firstRun.Index.Checkpoints)
            await folders.UploadFileAsync(poolFolder, earlier, checkpoint.File);
        File.Copy(Path.Combine(earlier, "index.json"), Path.Combine(earlier, "snapshot.json"));
        await using (FileStream snapshot = File.OpenRead(Path.Combine(earlier, "snapshot.json")))
            await service.Store.PutAsync(poolFolder.KeyOf("progress/index-run000.json"), snapshot, "application/json");

        CheckpointPoolTrained trained = await TrainAsync(command);

        Assert.False(trained.FromCache);
        string folder = service.NewFolder();
        await folders.DownloadAsync(poolFolder, folder);
        using var pool = DistillPlatform.Emotion.Pool.CheckpointPool.Load(folder);
        // Run 0 is the one trained above (its wall time is only in that index), and only run 1 trained in the service.
        Assert.Equal(firstRun.Index.Runs[0].WallSeconds, pool.Index.Runs[0].WallSeconds);
        Assert.Equal(firstRun.Index.Runs[0].Checkpoints, pool.Index.Runs[0].Checkpoints);
        Assert.Equal([1, 1, 1], (await service.Outcomes.WaitForProgressAsync(command.RequestId, 3, OutcomeTimeout)).Select(p => p.Run));
        Assert.Equal(4, pool.Count);
    }

    [Fact]
    public async Task A_missing_feature_set_fails_the_request_and_stores_nothing()
    {
        TrainCheckpointPool command = TinyPool("no-such-feature-set", baseSeed: 1);

        await service.SendAsync(command);
        var failed = Assert.IsType<CheckpointPoolFailed>(await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout));

        Assert.Contains("'no-such-feature-set' is not in the object store", failed.Reason);
        var fault = Assert.IsAssignableFrom<Fault<TrainCheckpointPool>>(await service.Outcomes.WaitForFaultAsync(command.RequestId, OutcomeTimeout));
        Assert.Contains(fault.Exceptions, e => e.Message == failed.Reason);
        Assert.Null(await new ArtifactFolders(service.Store).FindAsync(new ArtifactFolder("pools", PoolRequestMapper.ToPlan(command).PoolId, "index.json")));
    }

    [Fact]
    public async Task A_feature_set_without_dev_split_fails_when_dev_is_required()
    {
        TrainCheckpointPool command = TinyPool(service.WithoutDev.Manifest.Id, baseSeed: 1);
        Assert.DoesNotContain(DataSplit.Dev, FeatureSetReader.Open(service.WithoutDev.Directory).Splits);

        await service.SendAsync(command);
        var failed = Assert.IsType<CheckpointPoolFailed>(await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout));

        Assert.Contains("has no dev split", failed.Reason);
        Assert.Null(await new ArtifactFolders(service.Store).FindAsync(new ArtifactFolder("pools", PoolRequestMapper.ToPlan(command).PoolId, "index.json")));
    }

    [Fact]
    public async Task Bad_settings_fail_the_request_naming_the_setting()
    {
        TrainCheckpointPool command = TinyPool(service.WithDev.Manifest.Id, baseSeed: 1) with { Seeds = [5, 5] };

        await service.SendAsync(command);
        var failed = Assert.IsType<CheckpointPoolFailed>(await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout));

        Assert.Contains("seeds must differ", failed.Reason, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<CheckpointPoolTrained> TrainAsync(TrainCheckpointPool command)
    {
        await service.SendAsync(command);
        object outcome = await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout);
        return outcome as CheckpointPoolTrained
               ?? throw new Xunit.Sdk.XunitException($"Expected the pool to be trained, got {outcome}.");
    }
}
