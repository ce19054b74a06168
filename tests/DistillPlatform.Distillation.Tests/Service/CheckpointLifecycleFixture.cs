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
/// A broker, an object store and the distillation service declared as the platform model declares it (60 s between
/// SIGTERM and SIGKILL, one torch thread), started through the testing entry point so the test can stop and start the
/// resource as a user would; a toy feature set stored where the service looks for it; a client bus that sends commands
/// and records every event.
/// <para>
/// Progress is reported every 200 ms instead of every 2 s, so that the stop lands a known number of steps into a job
/// whether the machine trains hundreds of steps a second or a few: a test can then size its job to finish in time on both.
/// </para>
/// </summary>
public sealed class CheckpointLifecycleFixture : IAsyncLifetime
{
    public const string ServiceName = "distillation";
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);

    private DistributedApplication? _app;
    private ServiceProvider? _services;
    private IBusControl? _bus;

    public ToyFeatureSet FeatureSet { get; } = new(id: "toy-lifecycle-set", utterancesPerClass: 8);

    public DistillationOutcomes Outcomes { get; } = new();

    public DistributedApplication App => _app!;

    public IArtifactStore Store => _services!.GetRequiredService<IArtifactStore>();

    public async Task InitializeAsync()
    {
        _app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            var messaging = builder.AddRabbitMQ("messaging");
            var objectStore = builder.AddObjectStore("objectstore");
            builder.AddProject(ServiceName, "src/Services/Distillation")
                .WithShutdownTimeout(ShutdownTimeout)
                .WithEnvironment("DISTILL_TORCH_THREADS", "1")
                .WithEnvironment($"{DistillationServiceOptions.Section}__{nameof(DistillationServiceOptions.ProgressInterval)}", ProgressInterval.ToString("c"))
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
            rabbit.ReceiveEndpoint($"distillation-lifecycle-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.Handler<GeneratorDistilled>(Record);
                endpoint.Handler<DistillationFailed>(Record);
                endpoint.Handler<DistillationCancelled>(Record);
                endpoint.Handler<DistillationProgress>(Record);
                endpoint.Handler<Fault<DistillGenerator>>(Record);
            });
        });
        await _bus.StartAsync(timeout.Token);

        await new ArtifactFolders(Store).UploadAsync(StoredGenerators.FeatureSetFolder(FeatureSet.Reader.Manifest.Id), FeatureSet.Folder);
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

    public async Task DisposeAsync()
    {
        if (_bus is not null) await _bus.StopAsync();
        if (_services is not null) await _services.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
        FeatureSet.Dispose();
    }
}
