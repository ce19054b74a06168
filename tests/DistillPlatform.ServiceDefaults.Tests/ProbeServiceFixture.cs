using System.Text;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Testing;
using DistillPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace DistillPlatform.ServiceDefaults.Tests;

/// <summary>
/// A private RabbitMQ started through the Hosting testing entry point, and an in-process service host built exactly as
/// a service's Program.cs builds one (<c>AddServiceDefaults</c> registering the service's consumers): the probe
/// consumer on <see cref="CommandQueue"/>, plus a recorder of <c>CommandRejected</c> events on a queue of its own.
/// Also a plain RabbitMQ.Client connection for publishing bodies without MassTransit's envelope.
/// </summary>
public sealed class ProbeServiceFixture : IAsyncLifetime
{
    public const string ServiceName = "probe-service";
    public const string CommandQueue = "probe-commands";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private DistributedApplication? _broker;
    private IHost? _service;
    private IConnection? _connection;

    public ProbeLog Probes { get; } = new();

    public RejectionLog Rejections { get; } = new();

    /// <summary>The <see cref="ProbeFailed"/> events the probe published for commands it refused.</summary>
    public ArrivalLog<ProbeFailed> Failures { get; } = new();

    public ErrorQueueWatcher ErrorQueue { get; private set; } = null!;

    public IBus Bus => _service!.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        _broker = await DistributedApplicationTestingBuilder.CreateAsync(builder => builder.AddRabbitMQ("messaging"));
        await _broker.StartAsync();
        using (var startup = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            await _broker.WaitForAllHealthyAsync(startup.Token);
        string amqp = _broker.GetConnectionString("messaging");

        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = amqp,
            ["OTEL_SERVICE_NAME"] = ServiceName,
        });
        builder.Services.AddSingleton(Probes);
        builder.Services.AddSingleton(Rejections);
        builder.Services.AddSingleton(Failures);
        builder.AddServiceDefaults(bus =>
        {
            bus.AddConsumer<ProbeConsumer>().Endpoint(endpoint => endpoint.Name = CommandQueue);
            bus.AddConsumer<RejectionConsumer>().Endpoint(endpoint => endpoint.Name = "probe-rejections");
            bus.AddConsumer<ProbeFailedConsumer>().Endpoint(endpoint => endpoint.Name = "probe-failures");
        });
        _service = builder.Build();
        await _service.StartAsync();
        using (var connected = new CancellationTokenSource(Timeout))
            await _service.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, connected.Token);

        _connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync();
        ErrorQueue = await ErrorQueueWatcher.StartAsync(_connection, CommandQueue);
    }

    /// <summary>
    /// Publishes <paramref name="body"/> as it is, without envelope, to the exchange MassTransit binds to
    /// <paramref name="queue"/>, the way a person does from the management UI; <paramref name="contentType"/> null
    /// leaves the property unset, as the UI does unless told otherwise.
    /// </summary>
    public async Task PublishRawAsync(string queue, string body, string? contentType)
    {
        await using IChannel channel = await _connection!.CreateChannelAsync();
        var properties = new BasicProperties { ContentType = contentType };
        await channel.BasicPublishAsync(queue, routingKey: "", mandatory: true, properties, Encoding.UTF8.GetBytes(body));
    }

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await ErrorQueue.DisposeAsync();
            await _connection.CloseAsync();
            _connection.Dispose();
        }
        if (_service is not null)
        {
            await _service.StopAsync();
            _service.Dispose();
        }
        if (_broker is not null) await _broker.DisposeAsync();
    }
}
