using System.Diagnostics;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Hosting;
using DistillPlatform.Services.Pipeline.Stages;
using MassTransit;

namespace DistillPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class PipelineEndToEndTests(PlatformFixture platform)
{
    /// <summary>Covers a tiny pipeline (or one with a service restart) on a heavily loaded two-core machine.</summary>
    private static readonly TimeSpan PipelineTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task A_pipeline_runs_through_every_service_in_one_trace_and_stores_every_stage_artifact()
    {
        var pipelineId = Guid.NewGuid();
        string traceId;
        using (var activity = PlatformFixture.TestSource.StartActivity("end-to-end pipeline"))
        {
            Assert.NotNull(activity);
            traceId = activity.TraceId.ToHexString();
            await SendAsync(TinyPipeline(pipelineId, ["+div+sml"], steps: 4, seed: 1));
        }

        var completed = await platform.Events.WaitForAsync<PipelineCompleted>(m => m.PipelineId == pipelineId, PipelineTimeout);

        var status = await StatusAsync(pipelineId);
        Assert.Equal("completed", status.State);
        Assert.Equal(
            ["extract-features", "train-pool", "measure-storage", "evaluate-real", "distill/+div+sml",
             "sample/+div+sml/2", "evaluate/+div+sml/2", "sample/+div+sml/4", "evaluate/+div+sml/4", "report"],
            status.Stages.Select(s => s.Stage));
        await AssertEveryArtifactStoredAsync(pipelineId, status);
        Assert.Equal($"pipelines/{pipelineId:D}/report.json", completed.Report.Uri.Split('/', 4)[3]);

        // Every event of this pipeline, whichever service published it, travelled in the trace the test started.
        var requestIds = status.Stages.Select(s => StageRequestIds.For(pipelineId, s.Stage)).ToHashSet();
        var pipelineEvents = platform.Events.All().Where(e => BelongsTo(e.Message, pipelineId, requestIds)).ToList();
        Assert.All(pipelineEvents, e => Assert.Equal(traceId, e.TraceId));
        Assert.Equal(
            ["DistillPlatform.Services.CheckpointPool", "DistillPlatform.Services.Distillation", "DistillPlatform.Services.Evaluation",
             "DistillPlatform.Services.FeatureExtraction", "DistillPlatform.Services.Pipeline", "DistillPlatform.Services.Sampling"],
            pipelineEvents.Select(e => e.PublisherAssembly).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_distillation_process_killed_while_training_is_restarted_and_the_pipeline_still_completes()
    {
        // Long enough that the kill lands while the generator trains, short enough for a loaded two-core machine.
        const int steps = 16;
        var pipelineId = Guid.NewGuid();
        Guid distillRequest = StageRequestIds.For(pipelineId, "distill/+div");
        await SendAsync(TinyPipeline(pipelineId, ["+div"], steps, seed: 2));

        // Training is under way once the first progress event of this distillation arrived.
        await platform.Events.WaitForAsync<DistillationProgress>(p => p.RequestId == distillRequest && p.Step < steps, PipelineTimeout);
        var before = platform.App.GetResourceState("distillation");
        using (var process = Process.GetProcessById(before.ProcessId!.Value))
            process.Kill();

        await platform.Events.WaitForAsync<PipelineCompleted>(m => m.PipelineId == pipelineId, PipelineTimeout);

        var after = platform.App.GetResourceState("distillation");
        Assert.True(after.RestartCount > before.RestartCount);
        Assert.NotEqual(before.ProcessId, after.ProcessId);
        var distilled = await platform.Events.WaitForAsync<GeneratorDistilled>(g => g.RequestId == distillRequest, TimeSpan.Zero);
        Assert.Equal(steps, distilled.Steps);

        var status = await StatusAsync(pipelineId);
        Assert.Equal("completed", status.State);
        Assert.Equal(
            ["extract-features", "measure-storage", "evaluate-real", "distill/+div", "sample/+div/2", "evaluate/+div/2",
             "sample/+div/4", "evaluate/+div/4", "report"],
            status.Stages.Select(s => s.Stage));
        Assert.Equal(distilled.GeneratorId, status.Stages.Single(s => s.Stage == "distill/+div").ArtifactId);
        await AssertEveryArtifactStoredAsync(pipelineId, status);
        // Exactly one stage start per stage: the restart did not make the pipeline redo anything.
        var starts = platform.Events.All().Select(e => e.Message).OfType<PipelineStageChanged>()
            .Where(c => c.PipelineId == pipelineId && c.State == PipelineStageState.Running).ToList();
        Assert.Equal(status.Stages.Count, starts.Count);
    }

    private async Task SendAsync(RunDistillationPipeline command) =>
        await (await platform.Bus.GetSendEndpoint(PipelineQueue.Address)).Send(command);

    private async Task<PipelineStatus> StatusAsync(Guid pipelineId)
    {
        var client = platform.Bus.CreateRequestClient<GetPipelineStatus>(PipelineQueue.Address, RequestTimeout.After(s: 60));
        var response = await client.GetResponse<PipelineStatus, PipelineNotFound>(new GetPipelineStatus(pipelineId));
        Assert.True(response.Is(out Response<PipelineStatus>? status), $"Pipeline {pipelineId} was not found.");
        return status!.Message;
    }

    /// <summary>Each completed stage's output is in the object store where its service documents it.</summary>
    private async Task AssertEveryArtifactStoredAsync(Guid pipelineId, PipelineStatus status)
    {
        foreach (var stage in status.Stages)
        {
            Assert.Equal(PipelineStageState.Completed, stage.State);
            string? key = stage.Stage.Split('/')[0] switch
            {
                "extract-features" or "sample" => $"features/{stage.ArtifactId}/manifest.json",
                "train-pool" => $"pools/{stage.ArtifactId}/index.json",
                "distill" => $"generators/{stage.ArtifactId}/generator.json",
                "evaluate-real" or "evaluate" => $"evaluations/{stage.ArtifactId}/report.json",
                "report" => $"pipelines/{pipelineId:D}/report.json",
                _ => null, // measure-storage produces numbers, not an artifact
            };
            if (key is not null)
                Assert.True(await platform.Store.ExistsAsync(key), $"Stage {stage.Stage}: {key} is not stored.");
        }
        Assert.True(await platform.Store.ExistsAsync($"pipelines/{pipelineId:D}/report.md"));
    }

    private static bool BelongsTo(object message, Guid pipelineId, HashSet<Guid> requestIds) => message switch
    {
        PipelineStageChanged m => m.PipelineId == pipelineId,
        PipelineCompleted m => m.PipelineId == pipelineId,
        FeaturesExtracted m => requestIds.Contains(m.RequestId),
        CheckpointPoolTrained m => requestIds.Contains(m.RequestId),
        DistillationProgress m => requestIds.Contains(m.RequestId),
        GeneratorDistilled m => requestIds.Contains(m.RequestId),
        SyntheticSetSampled m => requestIds.Contains(m.RequestId),
        EvaluationCompleted m => requestIds.Contains(m.RequestId),
        _ => false,
    };

    /// <summary>The smallest pipeline that still exercises every stage: cpu-tiny GAN, one pool run, one evaluation repeat.</summary>
    private RunDistillationPipeline TinyPipeline(Guid pipelineId, string[] lossPresets, int steps, int seed) => new(
        pipelineId,
        CorpusLocation.Local(platform.CorpusFolder),
        new LabelMappingSpec(),
        new SplitPolicySpec(TestSpeakerFraction: 0.25, DevFraction: 0.2),
        new FeatureEncoderSpec(),
        new AudioPreprocessingSpec(),
        new PipelinePoolSpec(1, KeptEpochsSpec.EveryEpochs(1), new PoolHeadSpec(HiddenSize: 32), new PoolTrainingSpec(BatchSize: 16, MaxEpochs: 2)),
        new PipelineDistillationSpec("cnn", "cpu-tiny", lossPresets, steps, BatchSize: 6, CheckpointEvery: 4,
            new GanHyperParametersSpec(CriticSteps: 1)),
        [2, 4],
        ClassDistribution.Balanced,
        new PipelineEvaluationSpec(1, new EvaluationHeadSpec(HiddenSize: 32), new EvaluationTrainerSpec(BatchSize: 16, MaxEpochs: 3, Patience: null),
            ProbeSpeakers: false),
        seed);
}
