using System.Diagnostics;

namespace DistillPlatform.Hosting.Orchestration;

/// <summary>
/// One running child process of a resource. It is started through <c>setsid</c> so it leads a new session and process
/// group: terminal signals (Ctrl+C) reach only the AppHost, which then stops each group deliberately, and stopping the
/// group also reaches every helper process the child spawned.
/// </summary>
internal sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ResourceLog _log;

    private ManagedProcess(Process process, ResourceLog log)
    {
        _process = process;
        _log = log;
    }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ManagedProcess Start(ProcessLaunch launch, ResourceLog log)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = launch.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(launch.FileName);
        foreach (var argument in launch.Arguments) startInfo.ArgumentList.Add(argument);
        foreach (var (key, value) in launch.Environment) startInfo.Environment[key] = value;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Append("out", e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Append("err", e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // The children read nothing from stdin; closing it keeps them from waiting on a terminal they do not own.
        process.StandardInput.Close();
        log.Append("host", $"started pid {process.Id}: {launch.FileName} {string.Join(' ', launch.Arguments)}");
        return new ManagedProcess(process, log);
    }

    /// <summary>Completes when the child exits; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>
    /// Asks the whole process group to terminate (SIGTERM), waits up to <paramref name="grace"/>, then kills what is
    /// left (SIGKILL). Returns once the group leader has exited.
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        var groupId = _process.Id;
        ProcessGroup.Signal(groupId, ProcessGroup.SigTerm);
        using var graceTimeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(graceTimeout.Token);
        }
        catch (OperationCanceledException)
        {
            _log.Append("host", $"pid {groupId} did not stop within {grace.TotalSeconds:0}s; killing its process group");
        }

        // Members that ignored SIGTERM or outlived their leader are killed, so nothing of this resource survives.
        ProcessGroup.Signal(groupId, ProcessGroup.SigKill);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await StopAsync(TimeSpan.FromSeconds(5));
        // A leader that died on its own may leave group members behind; they go with it.
        ProcessGroup.Signal(_process.Id, ProcessGroup.SigKill);
        _process.Dispose();
    }
}
