using System.Diagnostics;
using DistillPlatform.AppHost;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Features.DemoCorpus;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Testing;
using DistillPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace DistillPlatform.EndToEnd.Tests;

/// <summary>
/// The whole platform as the AppHost declares it (<see cref="PlatformModel.Declare"/>), the small demo corpus on disk,
/// a client bus that records every service's events with the trace they came in, and an artifact store client.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>Generous: the machine is shared, and a cold RabbitMQ plus six .NET services start on two cores.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(3);

    public const string TestSourceName = "DistillPlatform.EndToEnd.Tests";

    public static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly string _folder = Directory.CreateTempSubdirectory("distill-e2e-").FullName;

    // Makes the test process record activities, so what the test sends carries a traceparent and each consumed event
    // exposes the trace it travelled in.
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name is PlatformTelemetry.MassTransitSourceName or TestSourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private DistributedApplication? _app;
    private IBusControl? _bus;
    private ServiceProvider? _services;

    public EventLog Events { get; } = new();

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform is not started.");

    public IBus Bus => _bus ?? throw new InvalidOperationException("The client bus is not started.");

    public IArtifactStore Store => _services?.GetRequiredService<IArtifactStore>() ?? throw new InvalidOperationException("The platform is not started.");

    public string CorpusFolder { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ActivitySource.AddActivityListener(_listener);
        var corpus = await DemoCorpusGenerator.EnsureAsync(
            new DemoCorpusOptions(Path.Combine(_folder, "corpus")) { Preset = DemoCorpusPreset.Small, Seed = 3 });
        CorpusFolder = corpus.Directory;

        _app = await DistributedApplicationTestingBuilder.CreateAsync(PlatformModel.Declare);
        await _app.StartAsync();
        using var timeout = new CancellationTokenSource(StartupTimeout);
        await _app.WaitForAllHealthyAsync(timeout.Token);

        _services = new ServiceCollection().AddArtifactStore(_app.GetConnectionString(PlatformModel.ObjectStore)).BuildServiceProvider();
        var broker = AmqpConnectionString.Parse(_app.GetConnectionString(PlatformModel.Messaging));
        _bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.UserName);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint($"end-to-end-tests-{Guid.NewGuid():N}", endpoint =>
            {
                Record<PipelineStageChanged>(endpoint);
                Record<PipelineCompleted>(endpoint);
                Record<PipelineFailed>(endpoint);
                Record<FeaturesExtracted>(endpoint);
                Record<CheckpointPoolTrained>(endpoint);
                Record<DistillationProgress>(endpoint);
                Record<GeneratorDistilled>(endpoint);
                Record<SyntheticSetSampled>(endpoint);
                Record<EvaluationCompleted>(endpoint);
            });
        });
        await _bus.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_bus is not null) await _bus.StopAsync();
        if (_app is not null) await _app.DisposeAsync();
        if (_services is not null) await _services.DisposeAsync();
        _listener.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private void Record<T>(IReceiveEndpointConfigurator endpoint) where T : class =>
        endpoint.Handler<T>(context =>
        {
            Events.Add(new RecordedEvent(context.Message, Activity.Current?.TraceId.ToHexString(), context.Host?.Assembly));
            return Task.CompletedTask;
        });
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
