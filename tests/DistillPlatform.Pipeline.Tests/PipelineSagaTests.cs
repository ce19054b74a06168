using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Metrics.Reports;
using DistillPlatform.Services.Pipeline.Stages;
using MassTransit;

namespace DistillPlatform.Pipeline.Tests;

public sealed class PipelineSagaTests : IDisposable
{
    private readonly InMemoryArtifactStore _store = new();
    private readonly FakeServiceBehaviour _behaviour;
    private readonly string _corpus = Directory.CreateTempSubdirectory("pipeline-corpus-").FullName;

    public PipelineSagaTests()
    {
        _behaviour = new FakeServiceBehaviour(_store);
        File.WriteAllText(Path.Combine(_corpus, "labels.csv"), "path,label,speaker\na.wav,angry,01\n");
        File.WriteAllBytes(Path.Combine(_corpus, "a.wav"), new byte[5000]);
    }

    public void Dispose() => Directory.Delete(_corpus, recursive: true);

    [Fact]
    public async Task A_pipeline_runs_every_stage_and_stores_its_report()
    {
        await using var host = await PipelineHost.StartAsync(_behaviour);
        var pipelineId = Guid.NewGuid();
        await host.SendAsync(PipelineHost.Request(pipelineId, ["+div", "+div+sml"], [5, 20], _corpus));

        var completed = await _behaviour.Events.WaitForAsync<PipelineCompleted>(m => m.PipelineId == pipelineId);

        Assert.Equal($"s3://test-bucket/pipelines/{pipelineId:D}/report.json", completed.Report.Uri);
        Assert.Contains($"pipelines/{pipelineId:D}/report.md", _store.Keys);
        Assert.Contains($"pipelines/{pipelineId:D}/{PipelineReportPlots.UarVersusBudgetFileName}", _store.Keys);
        var report = ReportJson.DeserializePipeline(await ReadTextAsync(completed.Report));
        Assert.Equal(5, report.Rows.Count); // the real baseline and 2 presets × 2 budgets
        Assert.Equal(EvaluationIds.Real(pipelineId), report.RealBaselineEvaluationId);

        // Only "+sml" presets wait for the pool and get its id.
        var distillations = _behaviour.Received<DistillGenerator>().ToDictionary(d => d.LossPreset);
        Assert.Null(distillations["+div"].PoolId);
        Assert.Equal(FakeCheckpointPool.PoolId, distillations["+div+sml"].PoolId);
        Assert.All(distillations.Values, d => Assert.Equal(FakeFeatureExtraction.FeatureSetId, d.FeatureSetId));

        // Every synthetic evaluation is compared with the real baseline and knows its generator and storage.
        var evaluations = _behaviour.Received<EvaluateTrainingSet>().ToList();
        var real = Assert.Single(evaluations, e => e.Generator is null);
        Assert.Equal(FakeFeatureExtraction.FeatureSetId, real.TrainingSetId);
        var synthetic = evaluations.Where(e => e.Generator is not null).ToList();
        Assert.Equal(4, synthetic.Count);
        Assert.All(synthetic, e =>
        {
            Assert.Equal(real.EvaluationId, e.ReferenceEvaluationId);
            Assert.Equal(FakeDistillation.GeneratorIdOf(e.Generator!.LossPreset), e.Generator.GeneratorId);
            Assert.Equal($"syn-{e.Generator.GeneratorId}-{e.Generator.PointsPerClass}", e.TrainingSetId);
            Assert.Equal(new StorageInfo(5000, 3000 + "{\"kind\":\"fake\"}".Length, FakeSampling.SizeOf(e.Generator.PointsPerClass),
                FakeDistillation.GeneratorBytes), e.Storage);
        });

        // Every stage announced its start and its end, once.
        var changes = _behaviour.Events.OfType<PipelineStageChanged>().Where(c => c.PipelineId == pipelineId).ToList();
        var stageNames = changes.Select(c => c.Stage).Distinct().ToList();
        Assert.Equal(15, stageNames.Count); // extract, pool, measure, evaluate-real, 2 distil, 4 sample, 4 evaluate, report
        Assert.All(stageNames, stage =>
        {
            Assert.Single(changes, c => c.Stage == stage && c.State == PipelineStageState.Running);
            Assert.Single(changes, c => c.Stage == stage && c.State == PipelineStageState.Completed);
        });
        Assert.Single(_behaviour.Received<ExtractFeatures>());
    }

    [Fact]
    public async Task A_distillation_without_the_pool_runs_while_the_pool_trains()
    {
        // The fake pool answers only after a pool-free distillation started; run one after the other, it would time out.
        await using var host = await PipelineHost.StartAsync(_behaviour);
        var pipelineId = Guid.NewGuid();
        await host.SendAsync(PipelineHost.Request(pipelineId, ["+div", "+sml"], [5], _corpus));

        await _behaviour.Events.WaitForAsync<PipelineCompleted>(m => m.PipelineId == pipelineId);
        var poolCommand = Assert.Single(_behaviour.Received<TrainCheckpointPool>());
        Assert.Equal(7, poolCommand.BaseSeed);
    }

    [Fact]
    public async Task The_same_pipeline_id_twice_runs_one_pipeline()
    {
        await using var host = await PipelineHost.StartAsync(_behaviour);
        var pipelineId = Guid.NewGuid();
        var request = PipelineHost.Request(pipelineId, ["+div"], [5], _corpus);
        await host.SendAsync(request);
        await host.SendAsync(request);

        await _behaviour.Events.WaitForAsync<PipelineCompleted>(m => m.PipelineId == pipelineId);
        // The saga's queue is handled in order, so once the status (sent last) is answered the duplicate was handled.
        Assert.Equal("completed", (await StatusAsync(host, pipelineId)).State);
        Assert.Single(_behaviour.Received<ExtractFeatures>());
        Assert.Single(_behaviour.Received<DistillGenerator>());
        Assert.Single(_behaviour.Events.OfType<PipelineCompleted>());
    }

    [Fact]
    public async Task A_failed_stage_fails_the_pipeline_and_stops_the_other_distillations()
    {
        _behaviour.FailingDistillation = "+div";
        _behaviour.HeldDistillations.Add("baseline");
        await using var host = await PipelineHost.StartAsync(_behaviour);
        var pipelineId = Guid.NewGuid();
        // "baseline" starts with "+div" (neither needs the pool) and is still training when "+div" fails.
        await host.SendAsync(PipelineHost.Request(pipelineId, ["baseline", "+div"], [5], _corpus));

        var failed = await _behaviour.Events.WaitForAsync<PipelineFailed>(m => m.PipelineId == pipelineId);

        Assert.Equal("distill/+div", failed.Stage);
        Assert.Equal("loss preset +div diverged", failed.Reason);
        var baseline = Assert.Single(_behaviour.Received<DistillGenerator>(), d => d.LossPreset == "baseline");
        var cancel = await _behaviour.Events.WaitForAsync<CancelDistillation>();
        Assert.Equal(baseline.RequestId, cancel.RequestId);
        Assert.Empty(_behaviour.Received<SampleSyntheticSet>());
    }

    [Fact]
    public async Task A_faulted_command_fails_the_pipeline_naming_the_stage_and_the_exception()
    {
        _behaviour.FaultSyntheticEvaluations = true;
        await using var host = await PipelineHost.StartAsync(_behaviour);
        var pipelineId = Guid.NewGuid();
        await host.SendAsync(PipelineHost.Request(pipelineId, ["+div"], [5], _corpus));

        var failed = await _behaviour.Events.WaitForAsync<PipelineFailed>(m => m.PipelineId == pipelineId);

        Assert.Equal("evaluate/+div/5", failed.Stage);
        Assert.Contains("InvalidOperationException", failed.Reason);
        Assert.Contains("ran out of memory on syn-gen-pdiv-5", failed.Reason);
        var status = await StatusAsync(host, pipelineId);
        Assert.Equal("failed", status.State);
        Assert.Equal(PipelineStageState.Pending, status.Stages.Single(s => s.Stage == StageNames.Report).State);
    }

    [Fact]
    public async Task Cancelling_stops_new_stages_and_the_running_distillation()
    {
        _behaviour.HeldDistillations.Add("+div");
        await using var host = await PipelineHost.StartAsync(_behaviour);
        var pipelineId = Guid.NewGuid();
        await host.SendAsync(PipelineHost.Request(pipelineId, ["+div"], [5], _corpus));
        await _behaviour.Commands.WaitForAsync<DistillGenerator>();

        await host.SendAsync(new CancelPipeline(pipelineId, "changed my mind"));

        var cancelled = await _behaviour.Events.WaitForAsync<PipelineCancelled>(m => m.PipelineId == pipelineId);
        Assert.Equal("changed my mind", cancelled.Reason);
        var distillation = Assert.Single(_behaviour.Received<DistillGenerator>());
        Assert.Equal(distillation.RequestId, (await _behaviour.Events.WaitForAsync<CancelDistillation>()).RequestId);
        var status = await StatusAsync(host, pipelineId);
        Assert.Equal("cancelled", status.State);
        Assert.Equal(PipelineStageState.Cancelled, status.Stages.Single(s => s.Stage == "distill/+div").State);
        Assert.Equal(PipelineStageState.Cancelled, status.Stages.Single(s => s.Stage == "sample/+div/5").State);
        Assert.Empty(_behaviour.Received<SampleSyntheticSet>());
    }

    [Fact]
    public async Task Status_of_an_unknown_pipeline_is_not_found()
    {
        await using var host = await PipelineHost.StartAsync(_behaviour);
        var client = host.Harness.GetRequestClient<GetPipelineStatus>();
        var unknown = Guid.NewGuid();

        var response = await client.GetResponse<PipelineStatus, PipelineNotFound>(new GetPipelineStatus(unknown));

        Assert.True(response.Is(out Response<PipelineNotFound>? notFound));
        Assert.Equal(unknown, notFound!.Message.PipelineId);
    }

    [Fact]
    public async Task A_request_that_cannot_run_fails_before_any_stage()
    {
        await using var host = await PipelineHost.StartAsync(_behaviour);
        var pipelineId = Guid.NewGuid();
        await host.SendAsync(PipelineHost.Request(pipelineId, [], [5, 5], _corpus));

        var failed = await _behaviour.Events.WaitForAsync<PipelineFailed>(m => m.PipelineId == pipelineId);

        Assert.Equal(StageNames.Validate, failed.Stage);
        Assert.Contains("LossPresets is empty", failed.Reason);
        Assert.Contains("Budget 5 is listed 2 times", failed.Reason);
        Assert.Equal(0, _behaviour.Commands.Count);
    }

    [Fact]
    public async Task A_restarted_host_reloads_the_pipeline_and_finishes_it_without_redoing_stages()
    {
        var pipelineId = Guid.NewGuid();
        DistillGenerator distillation;
        _behaviour.HeldDistillations.Add("+div");
        await using (var first = await PipelineHost.StartAsync(_behaviour))
        {
            await first.SendAsync(PipelineHost.Request(pipelineId, ["+div"], [5], _corpus));
            // Stopping the host lets the message in hand finish, so the real baseline's completion is stored with the
            // distillation still running.
            await _behaviour.Events.WaitForAsync<PipelineStageChanged>(c => c.Stage == StageNames.EvaluateReal && c.State == PipelineStageState.Completed);
            distillation = Assert.Single(_behaviour.Received<DistillGenerator>());
        }
        int commandsBeforeRestart = _behaviour.Commands.Count;

        await using var second = await PipelineHost.StartAsync(_behaviour);
        var status = await StatusAsync(second, pipelineId);
        Assert.Equal("running", status.State);
        Assert.Equal(PipelineStageState.Running, status.Stages.Single(s => s.Stage == "distill/+div").State);
        Assert.Equal(PipelineStageState.Completed, status.Stages.Single(s => s.Stage == StageNames.EvaluateReal).State);

        // The distillation service finishes while the new host runs: its event carries only the RequestId.
        var generator = await _store.PutAsync("generators/gen-restart/generator.json", new MemoryStream("{}"u8.ToArray()), "application/json");
        await second.Harness.Bus.Publish(new GeneratorDistilled(distillation.RequestId, "gen-restart", generator, 4, 900, FromCache: false));

        await _behaviour.Events.WaitForAsync<PipelineCompleted>(m => m.PipelineId == pipelineId);
        var afterRestart = _behaviour.Commands.Since(commandsBeforeRestart);
        Assert.Equal(2, afterRestart.Count); // the sample and the synthetic evaluation; nothing earlier is redone
        Assert.Equal("gen-restart", Assert.Single(afterRestart.OfType<SampleSyntheticSet>()).GeneratorId);
        Assert.Equal(900, Assert.Single(afterRestart.OfType<EvaluateTrainingSet>()).Storage!.GeneratorBytes);
    }

    private static async Task<PipelineStatus> StatusAsync(PipelineHost host, Guid pipelineId)
    {
        var client = host.Harness.GetRequestClient<GetPipelineStatus>();
        var response = await client.GetResponse<PipelineStatus, PipelineNotFound>(new GetPipelineStatus(pipelineId));
        Assert.True(response.Is(out Response<PipelineStatus>? status), $"Pipeline {pipelineId} was not found.");
        return status!.Message;
    }

    private async Task<string> ReadTextAsync(DistillPlatform.Contracts.Artifacts.ArtifactRef reference)
    {
        await using var content = await _store.OpenReadAsync(reference);
        return await new StreamReader(content).ReadToEndAsync();
    }
}
