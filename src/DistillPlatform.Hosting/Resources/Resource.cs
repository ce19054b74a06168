using DistillPlatform.Hosting.Orchestration;

namespace DistillPlatform.Hosting.Resources;

/// <summary>
/// Something the AppHost runs as a supervised child process: it declares the ports it needs, how to launch it and how
/// to tell that it is healthy. Relationships (<see cref="WaitsFor"/>, <see cref="References"/>) are declared through
/// <see cref="ResourceBuilder{T}"/>.
/// </summary>
public abstract class Resource
{
    private readonly List<Resource> _waitsFor = [];
    private readonly List<Resource> _references = [];
    private readonly Dictionary<string, int> _ports = new(StringComparer.Ordinal);
    private TimeSpan? _shutdownTimeout;

    protected Resource(string name)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            || !char.IsAsciiLetterLower(name[0]))
        {
            throw new ArgumentException(
                $"Resource name '{name}' is invalid: use lower-case letters, digits and '-', starting with a letter "
                + "(it becomes a queue prefix, an environment variable part and a log file name).", nameof(name));
        }

        Name = name;
    }

    public string Name { get; }

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public IReadOnlyList<Resource> WaitsFor => _waitsFor;

    /// <summary>Resources whose connection details are passed to this one (as environment variables).</summary>
    public IReadOnlyList<Resource> References => _references;

    /// <summary>The ports given to this resource's endpoints once the application starts.</summary>
    public IReadOnlyDictionary<string, int> Ports => _ports;

    /// <summary>What kind of resource this is, for people (the dashboard's Type column).</summary>
    public virtual string TypeName => GetType().Name;

    /// <summary>How long a (re)started process may take to become healthy.</summary>
    public virtual TimeSpan StartupTimeout => TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long the process may take to exit after SIGTERM before its group is killed: the AppHost's choice
    /// (<see cref="ResourceExtensions.WithShutdownTimeout{T}"/>) or else <see cref="DefaultStopGracePeriod"/>.
    /// </summary>
    public TimeSpan StopGracePeriod => _shutdownTimeout ?? DefaultStopGracePeriod;

    /// <summary>The grace period of this kind of resource when the AppHost sets none.</summary>
    protected virtual TimeSpan DefaultStopGracePeriod => TimeSpan.FromSeconds(10);

    /// <summary>The endpoints this resource listens on; a null port means "any free port".</summary>
    public abstract IReadOnlyList<EndpointRequest> EndpointRequests { get; }

    /// <summary>Human-readable addresses (for the start-up table and endpoints.json).</summary>
    public abstract IReadOnlyDictionary<string, string> DescribeEndpoints();

    /// <summary>Throws <see cref="MissingDependencyException"/> when a program or file this resource needs is absent.</summary>
    public abstract void CheckPrerequisites(HostingContext context);

    /// <summary>Creates state folders and credentials; runs once per application start, after ports are assigned.</summary>
    public virtual Task InitializeAsync(HostingContext context, ResourceLog log, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Describes the process to start (called for the first start and for every restart).</summary>
    public abstract ProcessLaunch CreateLaunch(HostingContext context);

    /// <summary>One health probe; false (or an exception) means "not healthy yet".</summary>
    public abstract Task<bool> IsHealthyAsync(CancellationToken cancellationToken);

    /// <summary>Cleans up helpers that live outside the resource's process group (called after every stop).</summary>
    public virtual Task OnStoppedAsync(HostingContext context, ResourceLog log) => Task.CompletedTask;

    internal void AddWaitFor(Resource dependency)
    {
        if (!_waitsFor.Contains(dependency)) _waitsFor.Add(dependency);
    }

    internal void AddReference(Resource dependency)
    {
        if (!_references.Contains(dependency)) _references.Add(dependency);
    }

    internal void SetShutdownTimeout(TimeSpan timeout) => _shutdownTimeout = timeout;

    internal void AssignPort(string endpointName, int port) => _ports[endpointName] = port;

    protected int Port(string endpointName) =>
        _ports.TryGetValue(endpointName, out var port)
            ? port
            : throw new InvalidOperationException(
                $"Resource '{Name}' has no port for endpoint '{endpointName}' yet; ports are assigned when the application starts.");
}

/// <summary>A named listening endpoint of a resource; <see cref="FixedPort"/> null means "any free port".</summary>
public sealed record EndpointRequest(string Name, int? FixedPort = null);

/// <summary>A resource other resources connect to with a connection string (ConnectionStrings__NAME).</summary>
public interface IResourceWithConnectionString
{
    string Name { get; }

    string ConnectionString { get; }
}

/// <summary>A resource reachable over HTTP by name (services__NAME__http__0).</summary>
public interface IResourceWithServiceDiscovery
{
    string Name { get; }

    Uri HttpEndpoint { get; }
}
