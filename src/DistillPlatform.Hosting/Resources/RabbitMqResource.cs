using System.Diagnostics;
using DistillPlatform.Dashboard.Resources;
using DistillPlatform.Hosting.Orchestration;
using RabbitMQ.Client;

namespace DistillPlatform.Hosting.Resources;

/// <summary>
/// A private RabbitMQ node (Debian's rabbitmq-server) with the management plugin. Everything it opens listens on
/// 127.0.0.1, it runs its own epmd on its own port, and its database lives in the state folder, so several AppHosts
/// (other worktrees, test runs) can run side by side without touching a system broker.
/// </summary>
public sealed class RabbitMqResource(string name, int? amqpPort = null) : Resource(name), IResourceWithConnectionString
{
    public const string DefaultServerPath = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const string AmqpEndpoint = "amqp";
    public const string ManagementEndpoint = "management";
    private const string DistributionEndpoint = "distribution";
    private const string EpmdEndpoint = "epmd";

    private GeneratedCredentials? _credentials;

    /// <summary>rabbitmq-server script to run (overridable for tests and unusual installs).</summary>
    public string ServerPath { get; init; } = DefaultServerPath;

    public override TimeSpan StartupTimeout => TimeSpan.FromSeconds(120);

    /// <summary>A clean RabbitMQ shutdown flushes its database; give it time before killing.</summary>
    protected override TimeSpan DefaultStopGracePeriod => TimeSpan.FromSeconds(30);

    public override string TypeName => "RabbitMQ";

    /// <summary>The management API (queue depths for the dashboard), with the generated credentials.</summary>
    public BrokerManagementApi ManagementApi => _credentials is { } credentials
        ? new BrokerManagementApi(new Uri($"http://127.0.0.1:{Port(ManagementEndpoint)}/"), credentials.UserName, credentials.Password)
        : throw new InvalidOperationException($"'{Name}' has no credentials yet; they are created when the application starts.");

    public override IReadOnlyList<EndpointRequest> EndpointRequests =>
    [
        new(AmqpEndpoint, amqpPort),
        new(ManagementEndpoint),
        new(DistributionEndpoint),
        new(EpmdEndpoint),
    ];

    public string ConnectionString
    {
        get
        {
            var credentials = _credentials ?? throw new InvalidOperationException(
                $"'{Name}' has no credentials yet; they are created when the application starts.");
            return $"amqp://{credentials.UserName}:{credentials.Password}@127.0.0.1:{Port(AmqpEndpoint)}/";
        }
    }

    public override IReadOnlyDictionary<string, string> DescribeEndpoints() => new Dictionary<string, string>
    {
        [AmqpEndpoint] = $"amqp://127.0.0.1:{Port(AmqpEndpoint)}/",
        [ManagementEndpoint] = $"http://127.0.0.1:{Port(ManagementEndpoint)}/",
    };

    public override void CheckPrerequisites(HostingContext context)
    {
        if (!File.Exists(ServerPath))
        {
            throw new MissingDependencyException(
                $"rabbitmq-server not found at {ServerPath} (needed by resource '{Name}'): run scripts/bootstrap.sh (step apt).");
        }
    }

    public override Task InitializeAsync(HostingContext context, ResourceLog log, CancellationToken cancellationToken)
    {
        var directory = context.ResourceDirectory(Name);
        foreach (var sub in new[] { "mnesia", "log", "home" }) Directory.CreateDirectory(Path.Combine(directory, sub));
        _credentials = GeneratedCredentials.LoadOrCreate(directory, "distill");
        return Task.CompletedTask;
    }

    public override ProcessLaunch CreateLaunch(HostingContext context)
    {
        var directory = context.ResourceDirectory(Name);
        var credentials = _credentials!;
        var configFile = Path.Combine(directory, "rabbitmq.conf");
        // Ports change between runs (they are picked free at start), so the configuration is rewritten every time.
        File.WriteAllLines(configFile,
        [
            $"default_user = {credentials.UserName}",
            $"default_pass = {credentials.Password}",
            $"listeners.tcp.default = 127.0.0.1:{Port(AmqpEndpoint)}",
            "management.tcp.ip = 127.0.0.1",
            $"management.tcp.port = {Port(ManagementEndpoint)}",
            // Logs go to stdout, which the AppHost time-stamps into STATE/logs/NAME.log.
            "log.console = true",
            "log.console.level = info",
            "log.file = false",
            // A consumer holds its message unacknowledged for as long as it works on it (acked only on success, so a
            // crash redelivers it). RabbitMQ 3.10 closes the channel of a consumer that holds one longer than
            // consumer_timeout (default 30 minutes), which would abort every longer job, e.g. a GAN distillation of
            // hours, and redeliver it forever. 7 days (in ms) is beyond any job here; long jobs checkpoint to the object
            // store, so even a redelivery resumes instead of starting over.
            "consumer_timeout = 604800000",
        ]);
        var pluginsFile = Path.Combine(directory, "enabled_plugins");
        File.WriteAllText(pluginsFile, "[rabbitmq_management].\n");

        var environment = new Dictionary<string, string>
        {
            ["HOME"] = Path.Combine(directory, "home"),
            ["RABBITMQ_NODENAME"] = $"distill-{Name}@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = Port(AmqpEndpoint).ToString(),
            ["RABBITMQ_DIST_PORT"] = Port(DistributionEndpoint).ToString(),
            ["ERL_EPMD_PORT"] = Port(EpmdEndpoint).ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            // Without this the inter-node distribution port listens on every interface.
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile,
            ["RABBITMQ_CONFIG_FILE"] = configFile,
        };
        return new ProcessLaunch(ServerPath, [], directory, environment);
    }

    /// <summary>Healthy when a client can open an AMQP connection with the generated credentials.</summary>
    public override async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(ConnectionString),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(3),
            AutomaticRecoveryEnabled = false,
        };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        return connection.IsOpen;
    }

    /// <summary>
    /// The node's epmd daemonises into its own session, so stopping the broker's process group leaves it running;
    /// it is told to exit through its own (private) port.
    /// </summary>
    public override async Task OnStoppedAsync(HostingContext context, ResourceLog log)
    {
        var epmd = new[] { "/usr/bin/epmd", "/usr/lib/erlang/bin/epmd" }.FirstOrDefault(File.Exists);
        if (epmd is null)
        {
            log.Append("host", "epmd binary not found; the broker's epmd may still be running");
            return;
        }

        var startInfo = new ProcessStartInfo(epmd, ["-kill"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["ERL_EPMD_PORT"] = Port(EpmdEndpoint).ToString();
        using var process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        log.Append("host", $"epmd on port {Port(EpmdEndpoint)}: {(await process.StandardOutput.ReadToEndAsync()).Trim()}");
    }
}
