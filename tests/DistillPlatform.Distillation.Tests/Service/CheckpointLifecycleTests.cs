using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Dashboard.Resources;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Distillation;
using DistillPlatform.Gan.Training;
using DistillPlatform.Hosting;
using DistillPlatform.Services.Distillation;
using MassTransit;
using Xunit.Abstractions;

namespace DistillPlatform.Distillation.Tests.Service;

/// <summary>
/// What happens to a job's checkpoints over its life: a graceful stop of the service (SIGTERM from the orchestrator)
/// stores the step reached and the restarted service resumes from exactly there; only the newest checkpoints of a job
/// stay stored while it trains, and none once its generator is stored.
/// </summary>
public sealed class CheckpointLifecycleTests(DistillationServiceFixture service, ITestOutputHelper output) : IClassFixture<DistillationServiceFixture>
{
    /// <summary>Covers a service stop, a start and the rest of a run on a loaded two-core machine.</summary>
    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_job_stopped_with_its_service_stores_the_step_it_reached_and_resumes_from_exactly_that_step()
    {
        // With progress every 200 ms, the stop comes some 20 steps in on a machine that trains a few steps a second
        // and some 60 to 180 steps in on one that trains hundreds: enough steps are left after it either way, and the
        // rest of the job takes about a minute on the slow machine.
        const int steps = 240;
        const int checkpointEvery = 10;
        DistillGenerator command = new(Guid.NewGuid(), service.FeatureSet.Reader.Manifest.Id, PoolId: null, "cnn", "cpu-tiny", "baseline", steps,
            Seed: 7, BatchSize: 6, CheckpointEvery: checkpointEvery, HyperParameters: new GanHyperParametersSpec(CriticSteps: 1));
        DistillationPlan plan = DistillationRequestMapper.ToPlan(command);
        var checkpoints = new GeneratorCheckpointStore(service.Store);

        await service.SendAsync(command);
        // A step past a periodic checkpoint and short of the next: a stop that lost the steps since the periodic
        // checkpoint would resume from before this step.
        var reached = await service.Outcomes.WaitForAsync<DistillationProgress>(command.RequestId, OutcomeTimeout,
            p => p.Step > 2 * checkpointEvery && p.Step % checkpointEvery != 0);
        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await service.App.ExecuteAsync(DistillationServiceFixture.ServiceName, ResourceCommand.Stop);
        output.WriteLine($"Stopped at step {reached.Step} ({reached.StepsPerSecond:0.#} steps/s) in {stopping.Elapsed.TotalSeconds:0.0} s");

        // The service's host was told the resource's grace period, and its process exited within it, by itself: the
        // orchestrator did not have to kill it.
        var log = service.App.GetLogs(DistillationServiceFixture.ServiceName, 2_000);
        Assert.Contains(log, line => line.Text.Contains($"within the shutdown timeout of {DistillationServiceFixture.ShutdownTimeout:c}"));
        Assert.DoesNotContain(log, line => line.Text.Contains("did not stop within"));
        var stored = await checkpoints.StoredStepsAsync(plan.GeneratorId, CancellationToken.None);
        long stoppedAt = stored.Where(s => s.Complete).Max(s => s.Step);
        Assert.True(stoppedAt >= reached.Step, $"the stop stored step {stoppedAt}, but the job had reported step {reached.Step} before it");
        Assert.True(stoppedAt < steps, $"the job finished (step {stoppedAt}) before the stop; give it more steps");
        Assert.InRange(stored.Count, 1, GeneratorCheckpointStore.DefaultKeptCheckpoints);
        // Stopping is not cancelling: the command was neither answered nor faulted, it waits in the queue.
        Assert.Empty(service.Outcomes.All<GeneratorDistilled>(command.RequestId));
        Assert.Empty(service.Outcomes.All<DistillationCancelled>(command.RequestId));
        Assert.Empty(service.Outcomes.All<Fault<DistillGenerator>>(command.RequestId));

        await service.App.ExecuteAsync(DistillationServiceFixture.ServiceName, ResourceCommand.Start);
        var distilled = Assert.IsType<GeneratorDistilled>(await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout));

        var resumed = await service.Outcomes.WaitForAsync<DistillationProgress>(command.RequestId, OutcomeTimeout, p => p.ResumedFromStep > 0);
        Assert.Equal(stoppedAt, resumed.ResumedFromStep);
        Assert.Equal(steps, distilled.Steps);
        Assert.Single(service.Outcomes.All<GeneratorDistilled>(command.RequestId));
        // The generator is stored, so its checkpoints are gone; its curves still cover every step exactly once.
        Assert.Empty(await checkpoints.StoredStepsAsync(plan.GeneratorId, CancellationToken.None));
        string folder = Directory.CreateTempSubdirectory("distillation-test-").FullName;
        try
        {
            await new ArtifactFolders(service.Store).DownloadAsync(StoredGenerators.GeneratorFolder(plan.GeneratorId), folder);
            Assert.Equal(Enumerable.Range(1, steps).Select(s => (long)s), TrainingCurves.Load(folder).Steps.Select(s => s.Step));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Pruning_keeps_the_newest_complete_checkpoints_and_deletes_older_ones_only_once_a_newer_one_is_complete()
    {
        string generatorId = $"gen-prune-{Guid.NewGuid():N}";
        var checkpoints = new GeneratorCheckpointStore(service.Store, keptCheckpoints: 2);
        using var local = new LocalCheckpoints();

        Assert.Empty(await checkpoints.UploadAsync(generatorId, local.Write(5), CancellationToken.None));
        Assert.Empty(await checkpoints.UploadAsync(generatorId, local.Write(10), CancellationToken.None));
        Assert.Equal([5L], await checkpoints.UploadAsync(generatorId, local.Write(15), CancellationToken.None));
        Assert.Equal([(10L, true), (15L, true)], await checkpoints.StoredStepsAsync(generatorId, CancellationToken.None));

        // An upload of step 20 interrupted before its trainer.json: it does not count, so nothing older goes.
        var interrupted = local.Write(20);
        var folders = new ArtifactFolders(service.Store);
        await folders.UploadFileAsync(StoredGenerators.CheckpointsFolder(generatorId), Path.GetDirectoryName(interrupted.Directory)!,
            $"{DistillationCheckpoint.FolderNameOf(20)}/{GanCheckpointFiles.Generator}");
        Assert.Empty(await checkpoints.PruneAsync(generatorId, CancellationToken.None));
        Assert.Equal(15L, await checkpoints.NewestStepAsync(generatorId, CancellationToken.None));

        // Newer than the oldest kept checkpoint, the leftover stays (it might be an upload in progress) ...
        Assert.Equal([10L], await checkpoints.UploadAsync(generatorId, local.Write(25), CancellationToken.None));
        Assert.Equal([(15L, true), (20L, false), (25L, true)], await checkpoints.StoredStepsAsync(generatorId, CancellationToken.None));
        // ... and goes with the checkpoints older than the kept ones.
        Assert.Equal([15L, 20L], await checkpoints.UploadAsync(generatorId, local.Write(30), CancellationToken.None));
        Assert.Equal([(25L, true), (30L, true)], await checkpoints.StoredStepsAsync(generatorId, CancellationToken.None));

        var resumed = await checkpoints.DownloadNewestAsync(generatorId, local.Root("resume"), CancellationToken.None);
        Assert.Equal(30L, resumed!.Step);
        Assert.Equal(local.ContentOf(30, GanCheckpointFiles.TrainerState), File.ReadAllText(Path.Combine(resumed.Directory, GanCheckpointFiles.TrainerState)));
    }

    [Fact]
    public async Task Deleting_a_jobs_checkpoints_leaves_those_of_other_jobs()
    {
        string generatorId = $"gen-delete-{Guid.NewGuid():N}";
        // Its id extends the first one's: a prefix match without the folder's '/' would take it too.
        string otherId = generatorId + "0";
        var checkpoints = new GeneratorCheckpointStore(service.Store, keptCheckpoints: 3);
        using var local = new LocalCheckpoints();
        await checkpoints.UploadAsync(generatorId, local.Write(1), CancellationToken.None);
        await checkpoints.UploadAsync(generatorId, local.Write(2), CancellationToken.None);
        await checkpoints.UploadAsync(otherId, local.Write(1), CancellationToken.None);

        int deleted = await checkpoints.DeleteAllAsync(generatorId, CancellationToken.None);

        Assert.Equal(2 * LocalCheckpoints.Files.Length, deleted);
        Assert.Empty(await checkpoints.StoredStepsAsync(generatorId, CancellationToken.None));
        Assert.Equal([(1L, true)], await checkpoints.StoredStepsAsync(otherId, CancellationToken.None));
    }

    [Fact]
    public void Keeping_no_checkpoints_is_refused_with_the_setting_to_change()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorCheckpointStore(service.Store, keptCheckpoints: 0));

        Assert.Contains("nothing to resume from", error.Message);
    }

    /// <summary>
    /// Checkpoint-shaped folders on disk (<c>step-NNNNNN/</c> with a trainer's files) whose contents name their step,
    /// so the store's pruning is tested without training anything.
    /// </summary>
    private sealed class LocalCheckpoints : IDisposable
    {
        public static readonly string[] Files = [GanCheckpointFiles.Generator, GanCheckpointFiles.Critic, TrainingCurves.FileName, GanCheckpointFiles.TrainerState];

        private readonly string _root = Directory.CreateTempSubdirectory("checkpoint-lifecycle-").FullName;

        public DistillationCheckpoint Write(long step)
        {
            string directory = Directory.CreateDirectory(Path.Combine(_root, "written", DistillationCheckpoint.FolderNameOf(step))).FullName;
            foreach (string file in Files)
                File.WriteAllText(Path.Combine(directory, file), ContentOf(step, file));
            return new DistillationCheckpoint(step, directory);
        }

        public string ContentOf(long step, string file) => $"{file} of step {step}";

        public string Root(string name) => Path.Combine(_root, name);

        public void Dispose() => Directory.Delete(_root, recursive: true);
    }
}
