using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Distillation.Tests.Library;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Testing;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.Distillation;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace DistillPlatform.Distillation.Tests.Service;

/// <summary>
/// A broker, an object store and the distillation service started as in the AppHost (through the testing entry point,
/// so a killed service process is restarted as in production); a toy feature set and a checkpoint pool trained on it,
/// stored where the service looks for them; a client bus that sends and publishes commands and records every event.
/// </summary>
public sealed class DistillationServiceFixture : IAsyncLifetime
{
    public const string ServiceName = "distillation";
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);

    private DistributedApplication? _app;
    private ServiceProvider? _services;
    private IBusControl? _bus;

    public ToyFeatureSet FeatureSet { get; } = new(id: "toy-service-set", utterancesPerClass: 8);

    public string PoolId { get; } = "pool-toy-service";

    public DistillationOutcomes Outcomes { get; } = new();

    public DistributedApplication App => _app!;

    public IArtifactStore Store => _services!.GetRequiredService<IArtifactStore>();

    public async Task InitializeAsync()
    {
        _app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            var messaging = builder.AddRabbitMQ("messaging");
            var objectStore = builder.AddObjectStore("objectstore");
            // One intra-op torch thread, as the platform model gives every service and as in this process (TestThreads):
            // the cpu-tiny steps are tiny, and on a shared two-core machine a second thread spinning on them made each
            // step seconds instead of milliseconds.
            builder.AddProject(ServiceName, "src/Services/Distillation")
                .WithEnvironment("DISTILL_TORCH_THREADS", "1")
                .WithReference(messaging).WaitFor(messaging)
                .WithReference(objectStore).WaitFor(objectStore);
        });
        await _app.StartAsync();
        using var timeout = new CancellationTokenSource(StartupTimeout);
        await _app.WaitForAllHealthyAsync(timeout.Token);

        _services = new ServiceCollection().AddArtifactStore(_app.GetConnectionString("objectstore")).BuildServiceProvider();
        var broker = AmqpConnectionString.Parse(_app.GetConnectionString("messaging"));
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.UserName);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint($"distillation-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.Handler<GeneratorDistilled>(Record);
                endpoint.Handler<DistillationFailed>(Record);
                endpoint.Handler<DistillationCancelled>(Record);
                endpoint.Handler<DistillationProgress>(Record);
                endpoint.Handler<Fault<DistillGenerator>>(Record);
            });
        });
        await _bus.StartAsync(timeout.Token);

        var folders = new ArtifactFolders(Store);
        await folders.UploadAsync(StoredGenerators.FeatureSetFolder(FeatureSet.Reader.Manifest.Id), FeatureSet.Folder);
        await folders.UploadAsync(StoredGenerators.PoolFolder(PoolId), ToyPool.Train(FeatureSet));
    }

    private Task Record<T>(ConsumeContext<T> context) where T : class
    {
        Outcomes.Record(context.Message);
        return Task.CompletedTask;
    }

    public async Task SendAsync(DistillGenerator command)
    {
        ISendEndpoint endpoint = await _bus!.GetSendEndpoint(DistillationQueue.Address);
        await endpoint.Send(command);
    }

    public Task PublishAsync(CancelDistillation command) => _bus!.Publish(command);

    public async Task DisposeAsync()
    {
        if (_bus is not null) await _bus.StopAsync();
        if (_services is not null) await _services.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
        FeatureSet.Dispose();
    }
}
