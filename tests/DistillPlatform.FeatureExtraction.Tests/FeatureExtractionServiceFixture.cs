using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.DemoCorpus;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Testing;
using DistillPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace DistillPlatform.FeatureExtraction.Tests;

/// <summary>
/// The small demo corpus, plus a broker, an object store and the feature extraction service started as in the
/// AppHost, a client bus that sends commands and records the service's outcomes, and an artifact store client.
/// </summary>
public sealed class FeatureExtractionServiceFixture : IAsyncLifetime
{
    public const string Messaging = "messaging";
    public const string ObjectStore = "objectstore";

    /// <summary>Generous: the machine is shared, and a cold broker plus a .NET service start on two cores.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);

    private readonly string _folder = Directory.CreateTempSubdirectory("distill-feature-service-tests-").FullName;
    private DistributedApplication? _app;
    private IBusControl? _bus;
    private ServiceProvider? _services;

    public GeneratedDemoCorpus Corpus { get; private set; } = null!;

    public ExtractionOutcomes Outcomes { get; } = new();

    public IArtifactStore Store => _services!.GetRequiredService<IArtifactStore>();

    /// <summary>A fresh folder for a test's own files, deleted with the fixture.</summary>
    public string NewFolder() => Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName;

    public async Task SendAsync(ExtractFeatures command)
    {
        ISendEndpoint endpoint = await _bus!.GetSendEndpoint(FeatureExtractionQueue.Address);
        await endpoint.Send(command);
    }

    public async Task InitializeAsync()
    {
        Corpus = await DemoCorpusGenerator.EnsureAsync(
            new DemoCorpusOptions(Path.Combine(_folder, "corpus")) { Preset = DemoCorpusPreset.Small, Seed = 3 });

        _app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            var messaging = builder.AddRabbitMQ(Messaging);
            var objectStore = builder.AddObjectStore(ObjectStore);
            builder.AddProject("feature-extraction", "src/Services/FeatureExtraction")
                .WithReference(messaging).WaitFor(messaging)
                .WithReference(objectStore).WaitFor(objectStore);
        });
        await _app.StartAsync();
        using var timeout = new CancellationTokenSource(StartupTimeout);
        await _app.WaitForAllHealthyAsync(timeout.Token);

        var broker = AmqpConnectionString.Parse(_app.GetConnectionString(Messaging));
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.UserName);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint($"feature-extraction-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.Handler<FeaturesExtracted>(context =>
                {
                    Outcomes.Record(context.Message.RequestId, context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<FeatureExtractionFailed>(context =>
                {
                    Outcomes.Record(context.Message.RequestId, context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<FeatureExtractionProgress>(context =>
                {
                    Outcomes.RecordProgress(context.Message);
                    return Task.CompletedTask;
                });
                endpoint.Handler<Fault<ExtractFeatures>>(context =>
                {
                    Outcomes.RecordFault(context.Message.Message.RequestId, context.Message);
                    return Task.CompletedTask;
                });
            });
        });
        await _bus.StartAsync(timeout.Token);

        _services = new ServiceCollection().AddArtifactStore(_app.GetConnectionString(ObjectStore)).BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_bus is not null) await _bus.StopAsync();
        if (_services is not null) await _services.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
