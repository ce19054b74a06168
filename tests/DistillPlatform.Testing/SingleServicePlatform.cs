using DistillPlatform.Artifacts;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Resources;
using DistillPlatform.Hosting.Testing;
using DistillPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace DistillPlatform.Testing;

/// <summary>
/// The broker, the object store and one service, started as the AppHost starts them (through the testing entry
/// point, in a temporary state folder), plus what a test needs to drive the service: a client bus whose receive
/// endpoint the test configures to record the service's events, and an artifact store client on the same object store.
/// Everything is stopped and removed on dispose.
/// </summary>
public sealed class SingleServicePlatform : IAsyncDisposable
{
    public const string Messaging = "messaging";
    public const string ObjectStore = "objectstore";

    /// <summary>Generous: the machine may be shared, and a cold broker plus a .NET service start on two cores.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);

    private readonly DistributedApplication _app;
    private readonly ServiceProvider _services;
    private readonly IBusControl _bus;

    private SingleServicePlatform(DistributedApplication app, ServiceProvider services, IBusControl bus)
    {
        _app = app;
        _services = services;
        _bus = bus;
    }

    public IArtifactStore Store => _services.GetRequiredService<IArtifactStore>();

    /// <summary>The running application, for tests that look at (or kill) the service's process.</summary>
    public DistributedApplication App => _app;

    /// <param name="serviceName">Resource name, e.g. "evaluation".</param>
    /// <param name="projectDirectory">The service project's folder relative to the repository root.</param>
    /// <param name="configureClientEndpoint">Registers the test's handlers for the service's events and faults.</param>
    /// <param name="configureService">Declares anything else the platform model gives the service, e.g. environment
    /// variables (DISTILL_TORCH_THREADS) or a shutdown timeout.</param>
    public static async Task<SingleServicePlatform> StartAsync(
        string serviceName, string projectDirectory, Action<IRabbitMqReceiveEndpointConfigurator> configureClientEndpoint,
        Action<ResourceBuilder<ProjectResource>>? configureService = null)
    {
        var app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            var messaging = builder.AddRabbitMQ(Messaging);
            var objectStore = builder.AddObjectStore(ObjectStore);
            var service = builder.AddProject(serviceName, projectDirectory)
                .WithReference(messaging).WaitFor(messaging)
                .WithReference(objectStore).WaitFor(objectStore);
            configureService?.Invoke(service);
        });
        try
        {
            await app.StartAsync();
            using var timeout = new CancellationTokenSource(StartupTimeout);
            await app.WaitForAllHealthyAsync(timeout.Token);

            var services = new ServiceCollection().AddArtifactStore(app.GetConnectionString(ObjectStore)).BuildServiceProvider();
            var broker = AmqpConnectionString.Parse(app.GetConnectionString(Messaging));
            var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
            {
                rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
                {
                    host.Username(broker.UserName);
                    host.Password(broker.Password);
                });
                // A queue of the test's own, so parallel test runs never take each other's events.
                rabbit.ReceiveEndpoint($"{serviceName}-tests-{Guid.NewGuid():N}", configureClientEndpoint);
            });
            await bus.StartAsync(timeout.Token);
            return new SingleServicePlatform(app, services, bus);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async Task SendAsync<TCommand>(Uri queue, TCommand command) where TCommand : class
    {
        ISendEndpoint endpoint = await _bus.GetSendEndpoint(queue);
        await endpoint.Send(command);
    }

    /// <summary>Publishes an event (e.g. a cancel request that every instance of the service listens for).</summary>
    public Task PublishAsync<TEvent>(TEvent message) where TEvent : class => _bus.Publish(message);

    public async ValueTask DisposeAsync()
    {
        await _bus.StopAsync();
        await _services.DisposeAsync();
        await _app.DisposeAsync();
    }
}
