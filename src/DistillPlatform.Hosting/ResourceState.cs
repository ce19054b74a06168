namespace DistillPlatform.Hosting;

/// <summary>Lifecycle of a resource as the orchestrator sees it.</summary>
public enum ResourceStatus
{
    /// <summary>Waiting for the resources it depends on to become healthy.</summary>
    Waiting,
    /// <summary>Process started, health probe not yet passing.</summary>
    Starting,
    Healthy,
    /// <summary>The process died after having been healthy; a new one starts after a back-off delay.</summary>
    Restarting,
    /// <summary>Never became healthy (or a dependency failed); see <see cref="ResourceState.Error"/>.</summary>
    Failed,
    /// <summary>Stopped by the application's shutdown or by a user (who can start it again).</summary>
    Stopped,
}

/// <summary>
/// A snapshot of one resource: status, current process, how often the orchestrator restarted it after it died
/// (restarts asked for by a user are not counted).
/// </summary>
public sealed record ResourceState(
    string Name,
    ResourceStatus Status,
    int? ProcessId,
    int RestartCount,
    IReadOnlyDictionary<string, string> Endpoints,
    string? Error)
{
    /// <summary>When the current process was started; null while no process runs.</summary>
    public DateTimeOffset? StartedAt { get; init; }
}
