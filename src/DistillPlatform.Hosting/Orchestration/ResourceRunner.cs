using DistillPlatform.Dashboard.Resources;
using DistillPlatform.Hosting.Resources;

namespace DistillPlatform.Hosting.Orchestration;

/// <summary>
/// Supervises one resource: waits for its dependencies, starts its process, probes health until healthy, and restarts
/// the process with exponential back-off whenever it dies after having been healthy. A user (the dashboard) can stop,
/// start and restart it; commands and the application's shutdown run one at a time.
/// </summary>
internal sealed class ResourceRunner
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    /// <summary>A process that stayed healthy this long is considered recovered: the back-off starts over.</summary>
    private static readonly TimeSpan StableRun = TimeSpan.FromSeconds(30);

    private readonly HostingContext _context;
    private readonly IReadOnlyList<ResourceRunner> _dependencies;
    private readonly Action<string> _report;
    private readonly TaskCompletionSource _firstHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _commands = new(1, 1);
    private readonly Lock _gate = new();
    private CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ManagedProcess? _process;
    private Task _supervision = Task.CompletedTask;
    private ResourceState _state;
    private bool _everHealthy;
    private bool _everLaunched;
    private bool _running;
    private bool _shutDown;

    public ResourceRunner(Resource resource, HostingContext context, ResourceLog log,
        IReadOnlyList<ResourceRunner> dependencies, Action<string> report)
    {
        Resource = resource;
        Log = log;
        _context = context;
        _dependencies = dependencies;
        _report = report;
        _state = new ResourceState(resource.Name, ResourceStatus.Waiting, null, 0, new Dictionary<string, string>(), null);
    }

    public Resource Resource { get; }

    public ResourceLog Log { get; }

    public ResourceState State
    {
        get { lock (_gate) return _state; }
    }

    /// <summary>Completes when the resource is healthy for the first time; faults when it fails to start.</summary>
    public Task FirstHealthy => _firstHealthy.Task;

    /// <summary>Begins supervision (the application's start).</summary>
    public void Start()
    {
        _running = true;
        var stopping = _stopping.Token;
        _supervision = Task.Run(() => SuperviseAsync(stopping));
    }

    /// <summary>Runs a user's command; the answer comes once the resource is stopped, or once its start has begun.</summary>
    /// <exception cref="InvalidOperationException">The command does not apply now (e.g. starting a running resource).</exception>
    public async Task ExecuteAsync(ResourceCommand command)
    {
        await _commands.WaitAsync();
        try
        {
            if (_shutDown) throw new InvalidOperationException($"'{Resource.Name}' cannot be controlled: the application is stopping.");
            // A resource whose start failed is not running, although its supervision still needs cleaning up.
            var active = _running && State.Status != ResourceStatus.Failed;
            if (command == ResourceCommand.Start && active)
            {
                throw new InvalidOperationException($"'{Resource.Name}' is already running ({State.Status}); stop it first or restart it.");
            }

            if (command == ResourceCommand.Stop && !active)
            {
                throw new InvalidOperationException($"'{Resource.Name}' is not running ({State.Status}).");
            }

            if (active)
            {
                Log.Append("host", $"{command.ToString().ToLowerInvariant()} requested by a user");
                _report($"'{Resource.Name}' stopped by a user");
            }

            await HaltAsync();
            if (command is ResourceCommand.Start or ResourceCommand.Restart)
            {
                Log.Append("host", "start requested by a user");
                _stopping.Dispose();
                _stopping = new CancellationTokenSource();
                Start();
            }
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary>Waits until the state satisfies <paramref name="predicate"/> (checked on every change).</summary>
    public async Task<ResourceState> WaitForStateAsync(Func<ResourceState, bool> predicate, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (predicate(_state)) return _state;
                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The application's shutdown: stops the resource for good (no command is accepted afterwards).</summary>
    public async Task StopAsync()
    {
        await _commands.WaitAsync();
        try
        {
            _shutDown = true;
            await HaltAsync();
        }
        finally
        {
            _commands.Release();
        }
    }

    /// <summary>
    /// Stops supervision, then the process group, then the resource's out-of-group helpers; the state becomes Stopped.
    /// Harmless when nothing runs.
    /// </summary>
    private async Task HaltAsync()
    {
        var wasRunning = _running;
        _running = false;
        await _stopping.CancelAsync();
        await _supervision;
        var process = _process;
        if (process is not null)
        {
            Log.Append("host", "stopping");
            await process.StopAsync(Resource.StopGracePeriod);
            await DisposeProcessAsync();
        }

        // Also after a crash (process already gone, restart pending): its out-of-group helpers may still run.
        if (wasRunning && _everLaunched) await Resource.OnStoppedAsync(_context, Log);

        _firstHealthy.TrySetException(new ResourceStartupException(Resource.Name, $"'{Resource.Name}' was stopped before it became healthy."));
        _ = _firstHealthy.Task.Exception; // observed: callers that never waited must not see an unobserved exception
        Update(ResourceStatus.Stopped, null);
    }

    private async Task SuperviseAsync(CancellationToken stopping)
    {
        try
        {
            await WaitForDependenciesAsync(stopping);
            var consecutiveFailures = 0;
            while (true)
            {
                var healthyAt = await StartOnceAsync(stopping);
                if (healthyAt is null)
                {
                    if (!_everHealthy) return; // a failed first start ends supervision (already reported)
                }
                else
                {
                    _everHealthy = true;
                    _firstHealthy.TrySetResult();
                    var exitCode = await _process!.WaitForExitAsync(stopping);
                    if (DateTimeOffset.UtcNow - healthyAt.Value >= StableRun) consecutiveFailures = 0;
                    Log.Append("host", $"process exited unexpectedly with code {exitCode}");
                }

                consecutiveFailures++;
                var delay = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, consecutiveFailures - 1)));
                await DisposeProcessAsync();
                Update(ResourceStatus.Restarting, null, restarted: true);
                _report($"'{Resource.Name}' died; restarting in {delay.TotalSeconds:0}s (restart #{State.RestartCount})");
                Log.Append("host", $"restarting in {delay.TotalSeconds:0}s");
                await Task.Delay(delay, stopping); // back-off between restarts, not synchronisation
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Normal shutdown: StopAsync takes care of the process.
        }
        catch (Exception error)
        {
            Fail(error is ResourceStartupException ? error : new ResourceStartupException(Resource.Name, error.Message, error));
        }
    }

    private async Task WaitForDependenciesAsync(CancellationToken stopping)
    {
        foreach (var dependency in _dependencies)
        {
            try
            {
                await dependency.FirstHealthy.WaitAsync(stopping);
            }
            catch (ResourceStartupException)
            {
                throw new ResourceStartupException(Resource.Name,
                    $"'{Resource.Name}' was not started because '{dependency.Resource.Name}', which it waits for, failed.");
            }
        }
    }

    /// <summary>Starts the process and probes it; returns when it became healthy, or null after a failed attempt.</summary>
    private async Task<DateTimeOffset?> StartOnceAsync(CancellationToken stopping)
    {
        await DisposeProcessAsync(); // what is left of an attempt that failed before a user's start
        Update(ResourceStatus.Starting, null);
        var process = ManagedProcess.Start(Resource.CreateLaunch(_context), Log);
        _process = process;
        _everLaunched = true;
        Update(ResourceStatus.Starting, process.ProcessId);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(Resource.StartupTimeout);
        var exited = process.WaitForExitAsync(CancellationToken.None);
        try
        {
            while (true)
            {
                if (exited.IsCompleted)
                {
                    return StartFailed($"'{Resource.Name}' exited with code {exited.Result} before it became healthy.");
                }

                if (await ProbeAsync(timeout.Token))
                {
                    Update(ResourceStatus.Healthy, process.ProcessId);
                    Log.Append("host", "healthy");
                    return DateTimeOffset.UtcNow;
                }

                await Task.WhenAny(exited, Task.Delay(ProbeInterval, timeout.Token));
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            await process.StopAsync(Resource.StopGracePeriod);
            return StartFailed($"'{Resource.Name}' did not become healthy within {Resource.StartupTimeout.TotalSeconds:0}s.");
        }
    }

    private async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Resource.IsHealthyAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // refused connections and the like simply mean "not yet"
        }
    }

    /// <summary>A failed first start is fatal (with the last log lines); a failed restart is retried after back-off.</summary>
    private DateTimeOffset? StartFailed(string reason)
    {
        if (_everHealthy)
        {
            Log.Append("host", reason);
            return null;
        }

        var lastLines = string.Join('\n', Log.Tail(25).Select(line => "  " + line));
        Fail(new ResourceStartupException(Resource.Name,
            $"{reason} Last log lines ({Log.FilePath}):\n{lastLines}"));
        return null;
    }

    private void Fail(Exception error)
    {
        Log.Append("host", error.Message);
        Update(ResourceStatus.Failed, _process is { HasExited: false } ? _process.ProcessId : null, error: error.Message);
        if (_firstHealthy.TrySetException(error)) _ = _firstHealthy.Task.Exception;
    }

    private async Task DisposeProcessAsync()
    {
        if (_process is null) return;
        await _process.DisposeAsync();
        _process = null;
    }

    private void Update(ResourceStatus status, int? processId, bool restarted = false, string? error = null)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            var endpoints = Resource.Ports.Count > 0 ? Resource.DescribeEndpoints() : _state.Endpoints;
            _state = _state with
            {
                Status = status,
                ProcessId = processId,
                StartedAt = processId is null ? null : processId == _state.ProcessId ? _state.StartedAt : DateTimeOffset.UtcNow,
                RestartCount = _state.RestartCount + (restarted ? 1 : 0),
                Endpoints = endpoints,
                Error = error ?? (status == ResourceStatus.Failed ? _state.Error : null),
            };
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
