using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Services.Pipeline;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DistillPlatform.Pipeline.Tests;

/// <summary>
/// One pipeline host (the saga and its consumers, registered exactly as Program.cs registers them) on MassTransit's
/// in-memory test transport, with fake services on the real queue names. Disposing it is stopping the host; a new
/// one over the same <see cref="InMemoryArtifactStore"/> is the host restarted.
/// </summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private PipelineHost(ServiceProvider services, ITestHarness harness)
    {
        _services = services;
        Harness = harness;
    }

    public ITestHarness Harness { get; }

    public static async Task<PipelineHost> StartAsync(FakeServiceBehaviour behaviour)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(behaviour)
            .AddSingleton(behaviour.Store)
            .AddPipelineServices()
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddPipeline();
                bus.AddConsumer<FakeFeatureExtraction>().Endpoint(e => e.Name = FeatureExtractionQueue.Name);
                bus.AddConsumer<FakeCheckpointPool>().Endpoint(e => e.Name = CheckpointPoolQueue.Name);
                bus.AddConsumer<FakeDistillation>().Endpoint(e => e.Name = DistillationQueue.Name);
                bus.AddConsumer<FakeSampling>().Endpoint(e => e.Name = SamplingQueue.Name);
                bus.AddConsumer<FakeEvaluation>().Endpoint(e => e.Name = EvaluationQueue.Name);
                bus.AddConsumer<EventRecorder>().Endpoint(e => e.Name = "pipeline-tests-events");
            })
            .BuildServiceProvider(validateScopes: true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new PipelineHost(services, harness);
    }

    public async Task SendAsync<T>(T command) where T : class =>
        await (await Harness.Bus.GetSendEndpoint(PipelineQueue.Address)).Send(command);

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _services.DisposeAsync();
    }

    public static RunDistillationPipeline Request(Guid pipelineId, string[] lossPresets, int[] budgets, string corpusFolder) => new(
        pipelineId,
        CorpusLocation.Local(corpusFolder),
        new LabelMappingSpec(),
        new SplitPolicySpec(),
        new FeatureEncoderSpec(),
        new AudioPreprocessingSpec(),
        new PipelinePoolSpec(1, KeptEpochsSpec.EveryEpochs(1), new PoolHeadSpec(), new PoolTrainingSpec(MaxEpochs: 2)),
        new PipelineDistillationSpec("cnn", "cpu-tiny", lossPresets, Steps: 4),
        budgets,
        ClassDistribution.Balanced,
        new PipelineEvaluationSpec(2, new EvaluationHeadSpec(), new EvaluationTrainerSpec(MaxEpochs: 3)),
        Seed: 7);
}
