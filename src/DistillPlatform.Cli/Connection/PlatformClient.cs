using Amazon.Runtime;
using Amazon.S3;
using DistillPlatform.Artifacts;
using DistillPlatform.ServiceDefaults;
using MassTransit;
using RabbitMQ.Client.Exceptions;

namespace DistillPlatform.Cli.Connection;

/// <summary>
/// The CLI's only ways into the platform: a MassTransit bus on the platform's broker (configured like the services')
/// and the artifact store on its object store. Each is created on first use, so a command that needs only one of them
/// does not fail because the other is missing.
/// </summary>
public sealed class PlatformClient : IAsyncDisposable
{
    private readonly PlatformEndpoints _endpoints;
    private readonly TimeSpan _connectTimeout;
    private IBusControl? _bus;
    private IAmazonS3? _s3;
    private IArtifactStore? _store;

    public PlatformClient(PlatformEndpoints endpoints, TimeSpan connectTimeout)
    {
        _endpoints = endpoints;
        _connectTimeout = connectTimeout;
    }

    /// <summary>The started bus. Throws <see cref="PlatformUnavailableException"/> when the broker does not answer in time.</summary>
    public async Task<IBus> BusAsync(CancellationToken cancellationToken)
    {
        if (_bus is not null) return _bus;
        var broker = ParseBroker(_endpoints.RequireMessaging());
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.UserName);
                host.Password(broker.Password);
                host.RequestedConnectionTimeout(_connectTimeout);
            });
        });

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_connectTimeout);
        try
        {
            await bus.StartAsync(timeout.Token);
        }
        catch (Exception error) when (!cancellationToken.IsCancellationRequested
                                      && error is OperationCanceledException or RabbitMqConnectionException
                                          or BrokerUnreachableException or MassTransitException)
        {
            await StopQuietlyAsync(bus);
            throw new PlatformUnavailableException(
                $"The message broker at amqp://{broker.Host}:{broker.Port}/ (from {_endpoints.Source}) did not answer within "
                + $"{_connectTimeout.TotalSeconds:0} s. {PlatformUnavailableException.StartHint}", error);
        }

        _bus = bus;
        return bus;
    }

    /// <summary>
    /// Starts receiving published events on a temporary queue of this CLI process (deleted when it disconnects);
    /// <paramref name="configure"/> registers a handler per event type, which binds that type's exchange to the queue.
    /// Await this before sending a command whose events matter, so none is missed.
    /// </summary>
    public async Task<HostReceiveEndpointHandle> SubscribeAsync(
        Action<IReceiveEndpointConfigurator> configure, CancellationToken cancellationToken)
    {
        var bus = (IBusControl)await BusAsync(cancellationToken);
        var handle = bus.ConnectReceiveEndpoint(
            new TemporaryEndpointDefinition("distill-cli"), KebabCaseEndpointNameFormatter.Instance, configure);
        await handle.Ready.WaitAsync(cancellationToken);
        return handle;
    }

    /// <summary>The artifact store on the platform's object store (the same client the services use).</summary>
    public IArtifactStore Store
    {
        get
        {
            if (_store is not null) return _store;
            var settings = ObjectStoreSettings.Parse(_endpoints.RequireObjectStore());
            _s3 = ObjectStoreClientFactory.Create(settings);
            _store = new ArtifactStore(_s3, new ArtifactStoreOptions());
            return _store;
        }
    }

    /// <summary>
    /// Runs an object-store operation, turning "nothing answers at the endpoint" into the readable platform error
    /// (the S3 client reports it as an HTTP or AWS client exception).
    /// </summary>
    public async Task<T> WithStoreAsync<T>(Func<IArtifactStore, Task<T>> operation)
    {
        try
        {
            return await operation(Store);
        }
        catch (Exception error) when (error is HttpRequestException or AmazonClientException && error is not AmazonServiceException)
        {
            throw new PlatformUnavailableException(
                $"The object store (from {_endpoints.Source}) did not answer: {error.Message}. {PlatformUnavailableException.StartHint}", error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_bus is not null) await StopQuietlyAsync(_bus);
        _s3?.Dispose();
    }

    private static AmqpConnectionString ParseBroker(string connectionString)
    {
        try
        {
            return AmqpConnectionString.Parse(connectionString);
        }
        catch (FormatException error)
        {
            throw new PlatformUnavailableException(error.Message, error);
        }
    }

    private static async Task StopQuietlyAsync(IBusControl bus)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await bus.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopping is best effort on the way out; the broker drops the temporary queue with the connection anyway.
        }
    }

}
