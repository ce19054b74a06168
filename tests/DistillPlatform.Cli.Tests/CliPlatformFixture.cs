using System.Collections.Concurrent;
using System.Threading.Channels;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Testing;
using DistillPlatform.ServiceDefaults;
using MassTransit;

namespace DistillPlatform.Cli.Tests;

/// <summary>
/// A real broker and object store started through the Hosting testing entry point (so the AppHost's own endpoints.json
/// is what the CLI reads), a client bus standing in for the services: a stand-in pipeline service on the pipeline's
/// queue that plays the script a test registered for its corpus folder, and a queue that records DistillGenerator
/// commands. The CLI runs in-process against it.
/// </summary>
public sealed class CliPlatformFixture : IAsyncLifetime
{
    public const string CommandsQueue = "cli-tests-commands";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Func<ConsumeContext<RunDistillationPipeline>, Task>> _scripts = new();
    private DistributedApplication? _app;
    private IBusControl? _bus;

    public IArtifactStore Store { get; private set; } = null!;

    /// <summary>The AppHost state folder holding endpoints.json.</summary>
    public string StateDirectory => _app!.Options.StateDirectory;

    private readonly ConcurrentDictionary<string, TaskCompletionSource<RunDistillationPipeline>> _receivedPipelines = new();

    /// <summary>Completes when the stand-in pipeline service receives a pipeline for <paramref name="corpusFolder"/>.</summary>
    public Task<RunDistillationPipeline> PipelineReceivedFor(string corpusFolder) => Received(Path.GetFullPath(corpusFolder)).Task;

    private TaskCompletionSource<RunDistillationPipeline> Received(string corpusFolder) =>
        _receivedPipelines.GetOrAdd(corpusFolder, _ => new TaskCompletionSource<RunDistillationPipeline>(TaskCreationOptions.RunContinuationsAsynchronously));

    public Channel<DistillGenerator> ReceivedCommands { get; } = Channel.CreateUnbounded<DistillGenerator>();

    /// <summary>What the stand-in pipeline service does with a pipeline whose corpus is <paramref name="corpusFolder"/>.</summary>
    public void ScriptPipeline(string corpusFolder, Func<ConsumeContext<RunDistillationPipeline>, Task> script) =>
        _scripts[Path.GetFullPath(corpusFolder)] = script;

    public async Task<CliRun> RunCliAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, _ => null, Interactive: false) { ConnectTimeout = TimeSpan.FromSeconds(20) };
        var exitCode = await DistillCli.InvokeAsync([.. args, "--state", StateDirectory], context);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public async Task InitializeAsync()
    {
        _app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            builder.AddRabbitMQ("messaging");
            builder.AddObjectStore("objectstore");
        });
        await _app.StartAsync();
        using var timeout = new CancellationTokenSource(StartupTimeout);
        await _app.WaitForAllHealthyAsync(timeout.Token);

        Store = new ArtifactStore(
            ObjectStoreClientFactory.Create(ObjectStoreSettings.Parse(_app.GetConnectionString("objectstore"))), new ArtifactStoreOptions());
        var broker = AmqpConnectionString.Parse(_app.GetConnectionString("messaging"));
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
            {
                host.Username(broker.UserName);
                host.Password(broker.Password);
            });
            rabbit.ReceiveEndpoint(PipelineQueue.Name, endpoint => endpoint.Handler<RunDistillationPipeline>(async context =>
            {
                if (context.Message.Corpus.LocalFolder is not { } folder) return;
                Received(folder).TrySetResult(context.Message);
                if (_scripts.TryGetValue(folder, out var script)) await script(context);
            }));
            rabbit.ReceiveEndpoint(CommandsQueue, endpoint => endpoint.Handler<DistillGenerator>(context =>
                ReceivedCommands.Writer.WriteAsync(context.Message).AsTask()));
        });
        await _bus.StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_bus is not null) await _bus.StopAsync();
        if (_app is not null) await _app.DisposeAsync();
    }
}

/// <summary>One in-process run of the CLI: its exit code and what it wrote.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error);
