using System.Diagnostics;
using DistillPlatform.AppHost;
using DistillPlatform.Contracts.Diagnostics;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Testing;
using DistillPlatform.ServiceDefaults;
using MassTransit;

namespace DistillPlatform.AppHost.Tests;

/// <summary>
/// The real AppHost model (broker, object store, five services) started once for the tests of
/// <see cref="PlatformCollection"/>, plus a MassTransit client bus in the test process connected to its broker.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>Generous: the machine is shared, and a cold RabbitMQ plus five .NET services start on two cores.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);

    public const string TestSourceName = "DistillPlatform.AppHost.Tests";

    public static readonly ActivitySource TestSource = new(TestSourceName);

    // Makes the test process record activities, so MassTransit stamps a traceparent on what the tests send.
    // Matched by name: ShouldListenTo also runs while TestSource itself is being constructed.
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name is PlatformTelemetry.MassTransitSourceName or TestSourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private DistributedApplication? _app;
    private IBusControl? _bus;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform is not started.");

    public IBus Bus => _bus ?? throw new InvalidOperationException("The client bus is not started.");

    public async Task InitializeAsync()
    {
        ActivitySource.AddActivityListener(_listener);
        _app = await DistributedApplicationTestingBuilder.CreateAsync(PlatformModel.Declare);
        await _app.StartAsync();
        using var timeout = new CancellationTokenSource(StartupTimeout);
        await _app.WaitForAllHealthyAsync(timeout.Token);

        var broker = AmqpConnectionString.Parse(_app.GetConnectionString(PlatformModel.Messaging));
        _bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
        {
            host.Username(broker.UserName);
            host.Password(broker.Password);
        }));
        await _bus.StartAsync(timeout.Token);
    }

    /// <summary>Pings one service over the broker and returns its answer.</summary>
    public async Task<Pong> PingAsync(string service)
    {
        var client = Bus.CreateRequestClient<Ping>(DiagnosticsQueue.AddressFor(service), RequestTimeout.After(s: 60));
        var response = await client.GetResponse<Pong>(new Ping("tests"));
        return response.Message;
    }

    public async Task DisposeAsync()
    {
        if (_bus is not null) await _bus.StopAsync();
        if (_app is not null) await _app.DisposeAsync();
        _listener.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
