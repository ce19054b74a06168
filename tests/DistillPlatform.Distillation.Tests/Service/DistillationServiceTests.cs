using System.Diagnostics;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Distillation;
using DistillPlatform.Gan.Training;
using DistillPlatform.Hosting;
using DistillPlatform.Services.Distillation;
using DistillPlatform.Torch;
using MassTransit;

namespace DistillPlatform.Distillation.Tests.Service;

public sealed class DistillationServiceTests(DistillationServiceFixture service) : IClassFixture<DistillationServiceFixture>
{
    /// <summary>Covers a short cpu-tiny run, or a service restart plus the rest of a run, on a loaded two-core machine.</summary>
    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>cpu-tiny with one critic update per step and small batches: a step takes milliseconds.</summary>
    private DistillGenerator Tiny(int steps, int checkpointEvery = 10, string lossPreset = "baseline", int seed = 1) => new(
        Guid.NewGuid(), service.FeatureSet.Reader.Manifest.Id, service.PoolId, "cnn", "cpu-tiny", lossPreset, steps,
        Seed: seed, BatchSize: 6, CheckpointEvery: checkpointEvery, HyperParameters: new GanHyperParametersSpec(CriticSteps: 1));

    [Fact]
    public async Task A_generator_is_distilled_against_the_pool_stored_loadable_and_a_repeat_is_answered_from_the_store()
    {
        DistillGenerator command = Tiny(steps: 4, lossPreset: "+div+sml");
        string generatorId = DistillationRequestMapper.ToPlan(command).GeneratorId;

        await service.SendAsync(command);
        var distilled = Assert.IsType<GeneratorDistilled>(await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout));

        Assert.False(distilled.FromCache);
        Assert.Equal((generatorId, 4L), (distilled.GeneratorId, distilled.Steps));
        Assert.EndsWith($"/generators/{generatorId}/generator.json", distilled.Manifest.Uri);
        string folder = Directory.CreateTempSubdirectory("distillation-test-").FullName;
        try
        {
            await new ArtifactFolders(service.Store).DownloadAsync(StoredGenerators.GeneratorFolder(generatorId), folder);
            var manifest = GeneratorManifest.Load(folder);
            Assert.Equal((service.PoolId, "+div+sml", 4L), (manifest.PoolId, manifest.LossPreset, manifest.Steps));
            Assert.Equal(service.FeatureSet.Classes, manifest.Classes);
            Assert.Equal(new FileInfo(Path.Combine(folder, GanCheckpointFiles.Generator)).Length, distilled.GeneratorBytes);
            // Both optional terms were on (L_DIV is a negated, capped ratio, so "on" means non-zero).
            Assert.All(TrainingCurves.Load(folder).Steps, step => Assert.True(step.SoftmaxMatching > 0 && step.Diversity != 0));
            using var sampler = GanSampler.FromCheckpoint(folder);
            using var scope = torch.NewDisposeScope();
            Assert.Equal([3L, 1, manifest.Frames, manifest.Dimensions], sampler.Sample([0, 1, 2], seed: 3).shape);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // The first step and the last are always reported, with every loss by name.
        var last = await service.Outcomes.WaitForAsync<DistillationProgress>(command.RequestId, OutcomeTimeout, p => p.Step == 4);
        Assert.Equal((4L, 0L), (last.TotalSteps, last.ResumedFromStep));
        Assert.Equal(TrainingCurves.LossNames.Order(), last.Losses.Keys.Order());
        Assert.Contains(service.Outcomes.All<DistillationProgress>(command.RequestId), p => p.Step == 1);

        DistillGenerator repeat = command with { RequestId = Guid.NewGuid(), CheckpointEvery = 2 };
        var again = Assert.IsType<GeneratorDistilled>(await service.Outcomes.WaitAsync(await SentAsync(repeat), OutcomeTimeout));
        Assert.True(again.FromCache);
        Assert.Equal((distilled.GeneratorId, distilled.Manifest, distilled.GeneratorBytes), (again.GeneratorId, again.Manifest, again.GeneratorBytes));
        Assert.Empty(service.Outcomes.All<DistillationProgress>(repeat.RequestId));
    }

    [Fact]
    public async Task A_job_whose_service_process_is_killed_resumes_from_its_last_stored_checkpoint_and_finishes()
    {
        const int steps = 40;
        DistillGenerator command = Tiny(steps, checkpointEvery: 5, seed: 2);
        DistillationPlan plan = DistillationRequestMapper.ToPlan(command);
        var checkpoints = new GeneratorCheckpointStore(service.Store);

        await service.SendAsync(command);
        long storedStep = await WaitForStoredCheckpointAsync(checkpoints, plan.GeneratorId);
        int killedProcessId = service.App.GetResourceState(DistillationServiceFixture.ServiceName).ProcessId!.Value;
        int restartsBefore = service.App.GetResourceState(DistillationServiceFixture.ServiceName).RestartCount;
        using (var process = Process.GetProcessById(killedProcessId))
            process.Kill();
        Assert.Empty(service.Outcomes.All<GeneratorDistilled>(command.RequestId));

        var distilled = Assert.IsType<GeneratorDistilled>(await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout));

        Assert.True(service.App.GetResourceState(DistillationServiceFixture.ServiceName).RestartCount > restartsBefore);
        var resumed = await service.Outcomes.WaitForAsync<DistillationProgress>(command.RequestId, OutcomeTimeout, p => p.ResumedFromStep > 0);
        Assert.True(resumed.ResumedFromStep >= storedStep, $"resumed from {resumed.ResumedFromStep}, but step {storedStep} was stored before the kill");
        Assert.True(resumed.Step > resumed.ResumedFromStep);
        Assert.Equal(steps, distilled.Steps);
        Assert.Single(service.Outcomes.All<GeneratorDistilled>(command.RequestId));

        string folder = Directory.CreateTempSubdirectory("distillation-test-").FullName;
        try
        {
            await new ArtifactFolders(service.Store).DownloadAsync(StoredGenerators.GeneratorFolder(plan.GeneratorId), folder);
            Assert.Equal(steps, GeneratorManifest.Load(folder).Steps);
            Assert.Equal(Enumerable.Range(1, steps).Select(s => (long)s), TrainingCurves.Load(folder).Steps.Select(s => s.Step));
            // One generator folder holding exactly the generator's files: nothing of the first attempt left over in it.
            var keys = await service.Store.ListAsync(StoredGenerators.GeneratorFolder(plan.GeneratorId).KeyPrefix).Select(s => s.Key.Split('/')[^1]).ToListAsync();
            Assert.Equal(
                new[] { GanCheckpointFiles.Generator, GanCheckpointFiles.Critic, GanCheckpointFiles.GeneratorOptimizer, GanCheckpointFiles.CriticOptimizer,
                    GanCheckpointFiles.TrainerState, TrainingCurves.FileName, GeneratorManifest.FileName }.Order(),
                keys.Order());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_cancelled_job_stores_its_checkpoint_and_is_consumed_without_fault_or_redelivery()
    {
        DistillGenerator command = Tiny(steps: 5_000, checkpointEvery: 5_000, seed: 3);
        string generatorId = DistillationRequestMapper.ToPlan(command).GeneratorId;

        await service.SendAsync(command);
        await service.Outcomes.WaitForAsync<DistillationProgress>(command.RequestId, OutcomeTimeout);
        await service.PublishAsync(new CancelDistillation(command.RequestId, "test"));
        var cancelled = Assert.IsType<DistillationCancelled>(await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout));

        Assert.Equal(generatorId, cancelled.GeneratorId);
        Assert.True(cancelled.Step >= 1);
        Assert.Equal(cancelled.Step, await new GeneratorCheckpointStore(service.Store).NewestStepAsync(generatorId, CancellationToken.None));
        Assert.Null(await new ArtifactFolders(service.Store).FindAsync(StoredGenerators.GeneratorFolder(generatorId)));

        // Jobs run one at a time: had the cancelled command been redelivered (resuming its 5000 steps) this one would
        // not finish in time; once it has, the cancelled one has neither faulted nor started again.
        DistillGenerator next = Tiny(steps: 2, seed: 4);
        Assert.IsType<GeneratorDistilled>(await service.Outcomes.WaitAsync(await SentAsync(next), OutcomeTimeout));
        Assert.Empty(service.Outcomes.All<Fault<DistillGenerator>>(command.RequestId));
        Assert.Single(service.Outcomes.All<DistillationCancelled>(command.RequestId));
        Assert.DoesNotContain(service.Outcomes.All<DistillationProgress>(command.RequestId), p => p.ResumedFromStep > 0);
    }

    [Theory]
    [InlineData("no-such-feature-set", "cpu-tiny", "baseline", "'no-such-feature-set' is not in the object store")]
    [InlineData(null, "cpu-huge", "baseline", "Unknown GAN model preset 'cpu-huge'")]
    [InlineData(null, "cpu-tiny", "+sml", "needs a checkpoint pool")]
    public async Task A_bad_request_publishes_the_reason_faults_and_stores_nothing(string? featureSetId, string modelPreset, string lossPreset, string reason)
    {
        DistillGenerator command = Tiny(steps: 2) with
        {
            FeatureSetId = featureSetId ?? service.FeatureSet.Reader.Manifest.Id,
            ModelPreset = modelPreset,
            LossPreset = lossPreset,
            PoolId = lossPreset == "+sml" ? null : service.PoolId,
        };

        await service.SendAsync(command);
        var failed = Assert.IsType<DistillationFailed>(await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout));

        Assert.Contains(reason, failed.Reason);
        var fault = await service.Outcomes.WaitForAsync<Fault<DistillGenerator>>(command.RequestId, OutcomeTimeout);
        Assert.Contains(fault.Exceptions, e => e.Message == failed.Reason);
        Assert.Single(service.Outcomes.All<DistillationFailed>(command.RequestId));
        if (featureSetId is not null)
        {
            // The settings were valid, so the request has a generator id: nothing may be stored under it.
            string generatorId = DistillationRequestMapper.ToPlan(command).GeneratorId;
            Assert.Null(await new ArtifactFolders(service.Store).FindAsync(StoredGenerators.GeneratorFolder(generatorId)));
            Assert.Null(await new GeneratorCheckpointStore(service.Store).NewestStepAsync(generatorId, CancellationToken.None));
        }
    }

    private async Task<Guid> SentAsync(DistillGenerator command)
    {
        await service.SendAsync(command);
        return command.RequestId;
    }

    /// <summary>Polls the store until the job has stored a complete checkpoint: the condition the kill must come after.</summary>
    private static async Task<long> WaitForStoredCheckpointAsync(GeneratorCheckpointStore checkpoints, string generatorId)
    {
        using var timeout = new CancellationTokenSource(OutcomeTimeout);
        while (true)
        {
            if (await checkpoints.NewestStepAsync(generatorId, timeout.Token) is { } step)
                return step;
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }
}
