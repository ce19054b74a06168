using System.Collections.Concurrent;
using System.Text;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Commands;
using DistillPlatform.Contracts.Diagnostics;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.DemoCorpus;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Testing;
using DistillPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace DistillPlatform.FeatureExtraction.Tests;

/// <summary>
/// Two feature extraction processes on one <c>extract-features</c> queue (two project resources of the same project
/// under different names, as a scaled-out AppHost declares them), with a broker, an object store, the small demo
/// corpus, a client bus that records every answer with the process id of the instance that sent it, and a plain
/// RabbitMQ.Client connection for publishing commands without MassTransit's envelope.
/// </summary>
public sealed class ScaledOutExtractionFixture : IAsyncLifetime
{
    public static readonly string[] Instances = ["feature-extraction-a", "feature-extraction-b"];

    private readonly string _folder = Directory.CreateTempSubdirectory("distill-feature-scale-tests-").FullName;
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<InstanceAnswer>> _answers = new();
    private readonly ConcurrentQueue<CommandRejected> _rejections = new();
    private readonly SemaphoreSlim _rejectionArrived = new(0);
    private DistributedApplication? _app;
    private ServiceProvider? _storeServices;
    private IBusControl? _bus;
    private IConnection? _connection;

    public GeneratedDemoCorpus Corpus { get; private set; } = null!;

    public IArtifactStore Store => _storeServices!.GetRequiredService<IArtifactStore>();

    /// <summary>Process id of each instance, by resource name, as it answered a Ping.</summary>
    public IReadOnlyDictionary<string, int> ProcessIds { get; private set; } = new Dictionary<string, int>();

    public string NewFolder() => Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName;

    public async Task InitializeAsync()
    {
        Corpus = await DemoCorpusGenerator.EnsureAsync(
            new DemoCorpusOptions(Path.Combine(_folder, "corpus")) { Preset = DemoCorpusPreset.Small, Seed = 3 });

        _app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            var messaging = builder.AddRabbitMQ("messaging");
            var objectStore = builder.AddObjectStore("objectstore");
            foreach (string instance in Instances)
            {
                builder.AddProject(instance, "src/Services/FeatureExtraction")
                    .WithReference(messaging).WaitFor(messaging)
                    .WithReference(objectStore).WaitFor(objectStore);
            }
        });
        await _app.StartAsync();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await _app.WaitForAllHealthyAsync(startup.Token);

        _storeServices = new ServiceCollection().AddArtifactStore(_app.GetConnectionString("objectstore")).BuildServiceProvider();
        string amqp = _app.GetConnectionString("messaging");
        var broker = AmqpConnectionString.Parse(amqp);
        _bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.UserName);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint($"feature-scale-tests-{Guid.NewGuid():N}", endpoint =>
            {
                endpoint.Handler<FeaturesExtracted>(context => Record(context.Message.RequestId, context.Message, context));
                endpoint.Handler<FeatureExtractionFailed>(context => Record(context.Message.RequestId, context.Message, context));
                endpoint.Handler<CommandRejected>(context =>
                {
                    _rejections.Enqueue(context.Message);
                    _rejectionArrived.Release();
                    return Task.CompletedTask;
                });
            });
        });
        await _bus.StartAsync(startup.Token);
        _connection = await new ConnectionFactory { Uri = new Uri(amqp) }.CreateConnectionAsync(startup.Token);

        var processIds = new Dictionary<string, int>();
        foreach (string instance in Instances)
        {
            var client = _bus.CreateRequestClient<Ping>(DiagnosticsQueue.AddressFor(instance), RequestTimeout.After(s: 60));
            processIds[instance] = (await client.GetResponse<Pong>(new Ping("feature-scale-tests"), startup.Token)).Message.ProcessId;
        }
        ProcessIds = processIds;
    }

    public async Task SendAsync(ExtractFeatures command)
    {
        ISendEndpoint endpoint = await _bus!.GetSendEndpoint(FeatureExtractionQueue.Address);
        await endpoint.Send(command);
    }

    /// <summary>Publishes <paramref name="json"/> as it is to the exchange bound to the extract-features queue.</summary>
    public async Task PublishRawAsync(string json, string? contentType)
    {
        await using IChannel channel = await _connection!.CreateChannelAsync();
        await channel.BasicPublishAsync(FeatureExtractionQueue.Name, routingKey: "", mandatory: true,
            new BasicProperties { ContentType = contentType }, Encoding.UTF8.GetBytes(json));
    }

    public Task<InstanceAnswer> WaitForAnswerAsync(Guid requestId, TimeSpan timeout) => Answer(requestId).Task.WaitAsync(timeout);

    /// <summary>The first CommandRejected (already received or still to come) whose body excerpt contains <paramref name="marker"/>.</summary>
    public async Task<CommandRejected> WaitForRejectionAsync(string marker, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_rejections.FirstOrDefault(r => r.BodyExcerpt.Contains(marker, StringComparison.Ordinal)) is { } rejected) return rejected;
            await _rejectionArrived.WaitAsync(cancellation.Token);
        }
    }

    /// <summary>Which instance (resource name) a process id belongs to.</summary>
    public string InstanceOf(int processId) => ProcessIds.Single(p => p.Value == processId).Key;

    private Task Record(Guid requestId, object outcome, ConsumeContext context)
    {
        Answer(requestId).TrySetResult(new InstanceAnswer(outcome, context.Host.ProcessId));
        return Task.CompletedTask;
    }

    private TaskCompletionSource<InstanceAnswer> Answer(Guid requestId) =>
        _answers.GetOrAdd(requestId, _ => new TaskCompletionSource<InstanceAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));

    public async Task DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.CloseAsync();
            _connection.Dispose();
        }
        if (_bus is not null) await _bus.StopAsync();
        if (_storeServices is not null) await _storeServices.DisposeAsync();
        if (_app is not null) await _app.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>A service's answer to one request and the process id of the instance that published it.</summary>
public sealed record InstanceAnswer(object Outcome, int ProcessId);
