namespace DistillPlatform.Hosting;

/// <summary>A port a resource needs on 127.0.0.1 is already taken by another process.</summary>
public sealed class PortConflictException(string resourceName, string endpointName, int port)
    : Exception($"Resource '{resourceName}' needs 127.0.0.1:{port} (its '{endpointName}' endpoint), but that port is "
                + $"already in use. Stop the process holding it (e.g. `ss -ltnp 'sport = :{port}'`) or choose another port.")
{
    public string ResourceName { get; } = resourceName;

    public string EndpointName { get; } = endpointName;

    public int Port { get; } = port;
}

/// <summary>A program or file a resource needs is not installed; the message names the bootstrap step that installs it.</summary>
public sealed class MissingDependencyException(string message) : Exception(message);

/// <summary>A resource did not become healthy: it exited, timed out, or a resource it waits for failed.</summary>
public sealed class ResourceStartupException(string resourceName, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public string ResourceName { get; } = resourceName;
}

/// <summary>Another AppHost is running on the same state folder (two brokers on one database would corrupt it).</summary>
public sealed class StateFolderInUseException(string message) : Exception(message);
