using System.Runtime.InteropServices;
using DistillPlatform.Dashboard;
using DistillPlatform.Dashboard.Resources;
using DistillPlatform.Hosting.Orchestration;
using DistillPlatform.Hosting.Resources;

namespace DistillPlatform.Hosting;

/// <summary>
/// A built set of resources that can be started, observed and stopped. <see cref="Run"/> is the AppHost's main loop:
/// start everything, print where it is, wait for Ctrl+C or SIGTERM, stop everything (no child process survives).
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IReadOnlyList<Resource> _resources;
    private readonly HostingContext _context;
    private readonly Dictionary<string, ResourceRunner> _runners = new(StringComparer.Ordinal);
    private readonly Lock _outputGate = new();
    private bool _started;
    private bool _stopped;
    private bool _wroteEndpointsFile;
    private DashboardServer? _dashboard;

    internal DistributedApplication(DistributedApplicationOptions options, IReadOnlyList<Resource> resources)
    {
        Options = options;
        _resources = resources;
        _context = new HostingContext(options);
        EnsureNoWaitCycle(resources);
    }

    public DistributedApplicationOptions Options { get; }

    /// <summary>
    /// The dashboard's sign-in address (<c>http://127.0.0.1:PORT/login?t=TOKEN</c>) once started; null when the
    /// dashboard is off.
    /// </summary>
    public Uri? DashboardLoginUrl => _dashboard?.LoginUrl;

    /// <summary>Runs after the application stopped (the testing builder deletes its temporary state folder here).</summary>
    internal Action? AfterStop { get; set; }

    /// <summary>Creates a builder; <paramref name="args"/> accepts <c>--state DIR</c> and <c>--fresh</c>.</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        var options = new DistributedApplicationOptions();
        options.ApplyArguments(args);
        return new DistributedApplicationBuilder(options);
    }

    /// <summary>
    /// Checks prerequisites and ports, prepares the state folder, then launches every resource (each one after the
    /// resources it waits for are healthy). Fails fast, before starting anything, on missing programs and taken ports.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_started) throw new InvalidOperationException("The application was already started.");
        _started = true;

        PrepareStateDirectory();
        foreach (var resource in _resources) resource.CheckPrerequisites(_context);
        PortAllocator.Assign(_resources);

        foreach (var resource in _resources)
        {
            var log = new ResourceLog(resource.Name, Path.Combine(_context.LogDirectory, resource.Name + ".log"));
            log.Append("host", $"---- AppHost run {DateTimeOffset.UtcNow:O} (pid {Environment.ProcessId}) ----");
            _runners[resource.Name] = new ResourceRunner(resource, _context, log,
                resource.WaitsFor.Select(d => _runners[d.Name]).ToArray(), Report);
            await resource.InitializeAsync(_context, log, cancellationToken);
        }

        Report($"state folder: {_context.StateDirectory}");
        if (Options.DashboardEnabled) await StartDashboardAsync(cancellationToken);
        foreach (var resource in _resources)
        {
            Report($"{resource.Name}: {string.Join(", ", resource.DescribeEndpoints().Select(e => $"{e.Key} {e.Value}"))}");
        }

        EndpointsFile.Write(_context.StateDirectory, _resources, _dashboard);
        _wroteEndpointsFile = true;
        foreach (var runner in _runners.Values) runner.Start();
    }

    /// <summary>Waits until <paramref name="name"/> is healthy; throws <see cref="ResourceStartupException"/> when it fails.</summary>
    public Task WaitForHealthyAsync(string name, CancellationToken cancellationToken = default) =>
        Runner(name).FirstHealthy.WaitAsync(cancellationToken);

    /// <summary>Waits until every resource is healthy; throws on the first one that fails.</summary>
    public async Task WaitForAllHealthyAsync(CancellationToken cancellationToken = default)
    {
        var pending = _runners.Values.Select(r => r.FirstHealthy).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).WaitAsync(cancellationToken);
            await done; // rethrows the failure of a resource that never became healthy
            pending.Remove(done);
        }
    }

    /// <summary>Waits until the state of <paramref name="name"/> satisfies <paramref name="predicate"/>.</summary>
    public Task<ResourceState> WaitForResourceAsync(string name, Func<ResourceState, bool> predicate,
        CancellationToken cancellationToken = default) =>
        Runner(name).WaitForStateAsync(predicate, cancellationToken);

    public ResourceState GetResourceState(string name) => Runner(name).State;

    public IReadOnlyList<ResourceState> GetResourceStates() => _runners.Values.Select(r => r.State).ToArray();

    /// <summary>The newest captured console lines of a resource.</summary>
    public IReadOnlyList<ResourceLogLine> GetLogs(string name, int count = 200) => Runner(name).Log.Tail(count);

    /// <summary>Stops, starts or restarts one resource, as the dashboard's buttons do.</summary>
    /// <exception cref="InvalidOperationException">The command does not apply now (e.g. starting a running resource).</exception>
    public Task ExecuteAsync(string name, ResourceCommand command) => Runner(name).ExecuteAsync(command);

    /// <summary>The connection string other resources receive as ConnectionStrings__NAME.</summary>
    public string GetConnectionString(string name) =>
        Runner(name).Resource is IResourceWithConnectionString withConnectionString
            ? withConnectionString.ConnectionString
            : throw new ArgumentException($"Resource '{name}' has no connection string.", nameof(name));

    /// <summary>The HTTP address of a project resource (what services__NAME__http__0 holds).</summary>
    public Uri GetEndpoint(string name) =>
        Runner(name).Resource is IResourceWithServiceDiscovery withHttp
            ? withHttp.HttpEndpoint
            : throw new ArgumentException($"Resource '{name}' has no HTTP endpoint.", nameof(name));

    /// <summary>
    /// Stops resources in reverse dependency order (services before the broker they use), each by terminating its
    /// whole process group; safe to call more than once.
    /// </summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        var remaining = _runners.Values.ToList();
        while (remaining.Count > 0)
        {
            // Stop every resource that no still-running resource waits for, all at once.
            var leaves = remaining
                .Where(r => !remaining.Any(other => other.Resource.WaitsFor.Contains(r.Resource)))
                .ToList();
            await Task.WhenAll(leaves.Select(r => r.StopAsync()));
            remaining.RemoveAll(leaves.Contains);
        }

        foreach (var runner in _runners.Values) runner.Log.Dispose();
        if (_dashboard is not null) await _dashboard.DisposeAsync();
        if (_wroteEndpointsFile) EndpointsFile.Delete(_context.StateDirectory);
        AfterStop?.Invoke();
    }

    /// <summary>Starts everything, waits for Ctrl+C/SIGTERM, then stops everything. Sets a non-zero exit code on failure.</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        try
        {
            await StartAsync(shutdown.Token);
            await WaitForAllHealthyAsync(shutdown.Token);
            PrintHealthyTable();
            Report("all resources healthy; press Ctrl+C to stop");
            await Task.Delay(Timeout.Infinite, shutdown.Token);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            Report("shutting down");
        }
        catch (Exception error) when (error is ResourceStartupException or PortConflictException or MissingDependencyException
                                          or StateFolderInUseException)
        {
            Report($"error: {error.Message}");
            Environment.ExitCode = 1;
        }
        finally
        {
            await StopAsync();
            Report("stopped");
        }

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // keep the process alive until every child is stopped
            shutdown.Cancel();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private ResourceRunner Runner(string name)
    {
        if (_runners.TryGetValue(name, out var runner)) return runner;
        if (_resources.Any(r => r.Name == name))
        {
            throw new InvalidOperationException($"Resource '{name}' is not running yet; call StartAsync first.");
        }

        throw new ArgumentException(
            $"No resource named '{name}'. Declared: {string.Join(", ", _resources.Select(r => r.Name))}.", nameof(name));
    }

    /// <summary>
    /// Starts the dashboard before any service, so services can be told where to send their telemetry: to the
    /// dashboard's OTLP receiver, unless the user pointed the AppHost at a collector of their own.
    /// </summary>
    private async Task StartDashboardAsync(CancellationToken cancellationToken)
    {
        _dashboard = await DashboardServer.StartAsync(new DashboardOptions(),
            new DashboardResourceCatalog(_runners.Values.ToArray()), cancellationToken);
        if (_context.OtlpEndpoint is null)
        {
            _context.ExportTelemetryTo(_dashboard.OtlpEndpoint.ToString(), _dashboard.OtlpHeaders);
        }
        else
        {
            Report($"telemetry goes to OTEL_EXPORTER_OTLP_ENDPOINT={_context.OtlpEndpoint}, so the dashboard shows none");
        }

        Report($"dashboard: {_dashboard.LoginUrl}");
    }

    private void PrepareStateDirectory()
    {
        if (EndpointsFile.RunningOwner(_context.StateDirectory) is { } owner)
        {
            throw new StateFolderInUseException(
                $"State folder {_context.StateDirectory} is in use by a running AppHost (pid {owner}). Stop it first, "
                + "or give this one its own folder with --state DIR.");
        }

        if (Options.Fresh && Directory.Exists(_context.StateDirectory))
        {
            Report($"--fresh: wiping {_context.StateDirectory}");
            Directory.Delete(_context.StateDirectory, recursive: true);
        }

        Directory.CreateDirectory(_context.LogDirectory);
    }

    private void PrintHealthyTable()
    {
        var rows = _resources
            .SelectMany(r => r.DescribeEndpoints().Select(e => (r.Name, State: GetResourceState(r.Name), Endpoint: $"{e.Key} {e.Value}")))
            .ToList();
        var nameWidth = Math.Max(8, rows.Max(r => r.Name.Length));
        Report($"{"RESOURCE".PadRight(nameWidth)}  {"STATE",-8}  {"PID",-7}  ENDPOINT");
        foreach (var row in rows)
        {
            Report($"{row.Name.PadRight(nameWidth)}  {row.State.Status,-8}  {row.State.ProcessId,-7}  {row.Endpoint}");
        }

        Report($"logs: {_context.LogDirectory}; endpoints: {Path.Combine(_context.StateDirectory, EndpointsFile.FileName)}");
        if (_dashboard is not null) Report($"dashboard: {_dashboard.LoginUrl}");
    }

    private void Report(string message)
    {
        lock (_outputGate)
        {
            Options.Output.WriteLine($"[apphost] {message}");
            Options.Output.Flush();
        }
    }

    private static void EnsureNoWaitCycle(IReadOnlyList<Resource> resources)
    {
        var finished = new HashSet<Resource>();
        var onPath = new Stack<Resource>();
        foreach (var resource in resources) Visit(resource);

        void Visit(Resource resource)
        {
            if (finished.Contains(resource)) return;
            if (onPath.Contains(resource))
            {
                var cycle = onPath.Reverse().SkipWhile(r => r != resource).Append(resource).Select(r => r.Name);
                throw new InvalidOperationException($"WaitFor cycle: {string.Join(" -> ", cycle)}; no resource could ever start.");
            }

            onPath.Push(resource);
            foreach (var dependency in resource.WaitsFor)
            {
                if (!resources.Contains(dependency))
                {
                    throw new InvalidOperationException($"'{resource.Name}' waits for '{dependency.Name}', which is not part of this application.");
                }

                Visit(dependency);
            }

            onPath.Pop();
            finished.Add(resource);
        }
    }
}
