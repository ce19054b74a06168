namespace DistillPlatform.Dashboard.Resources;

/// <summary>
/// What the dashboard needs from the orchestrator that runs it: the resources and their state, the commands a user may
/// run on them, where their console output is written, and how to reach the broker's management API.
/// </summary>
public interface IResourceCatalog
{
    IReadOnlyList<ResourceView> GetResources();

    /// <summary>Runs <paramref name="command"/> on a resource and returns once the orchestrator accepted it.</summary>
    /// <exception cref="KeyNotFoundException">No resource has that name.</exception>
    /// <exception cref="InvalidOperationException">The command does not apply to the resource's current state.</exception>
    Task ExecuteAsync(string resourceName, ResourceCommand command, CancellationToken cancellationToken);

    /// <summary>The file the resource's stdout and stderr are appended to, or null for an unknown resource.</summary>
    string? ConsoleLogPath(string resourceName);

    /// <summary>The RabbitMQ management API of the platform's broker (for queue depths), or null when there is none.</summary>
    BrokerManagementApi? Broker { get; }
}

/// <summary>One row of the resources page.</summary>
/// <param name="Type">What kind of resource it is, e.g. "RabbitMQ", "Object store (s3rver)", "Project".</param>
/// <param name="State">The orchestrator's state: Waiting, Starting, Healthy, Restarting, Failed, Stopped.</param>
/// <param name="Health">"Healthy", "Unhealthy" or "Unknown" (not probed yet, or not running).</param>
/// <param name="StartedAt">When the current process was started; null while none runs.</param>
/// <param name="Commands">The commands that apply now.</param>
public sealed record ResourceView(
    string Name,
    string Type,
    string State,
    string Health,
    int? ProcessId,
    IReadOnlyDictionary<string, string> Endpoints,
    int RestartCount,
    DateTimeOffset? StartedAt,
    string? Error,
    IReadOnlyList<ResourceCommand> Commands);

/// <summary>What a user can ask the orchestrator to do with a resource from the dashboard.</summary>
public enum ResourceCommand
{
    Stop,
    Start,
    Restart,
}

/// <summary>Base address and credentials of a RabbitMQ management API (HTTP basic authentication).</summary>
public sealed record BrokerManagementApi(Uri BaseAddress, string UserName, string Password);
