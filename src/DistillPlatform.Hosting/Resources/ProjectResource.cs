using System.Diagnostics;
using System.Globalization;
using DistillPlatform.Hosting.Orchestration;

namespace DistillPlatform.Hosting.Resources;

/// <summary>
/// A .NET service project of this repository. The AppHost runs its built dll with <c>dotnet</c> and wires it the way
/// Aspire does: ConnectionStrings__NAME for referenced infrastructure, services__NAME__http__0 for referenced services,
/// ASPNETCORE_URLS for its own port and the OTEL_* variables for telemetry.
/// </summary>
public sealed class ProjectResource(string name, string projectDirectory) : Resource(name), IResourceWithServiceDiscovery
{
    public const string HttpEndpointName = "http";

    /// <summary>
    /// Read by the .NET host (host configuration key <c>shutdownTimeoutSeconds</c>) as its
    /// <c>HostOptions.ShutdownTimeout</c>: set to the grace period, so the service's host stops waiting for its hosted
    /// services no earlier than the orchestrator's SIGKILL.
    /// </summary>
    public const string ShutdownTimeoutVariable = "DOTNET_SHUTDOWNTIMEOUTSECONDS";

    /// <summary>Batch delays of the span and log exporters and the metric export interval, in milliseconds.</summary>
    private static readonly (string Variable, string Milliseconds)[] ExportIntervals =
    [
        ("OTEL_BSP_SCHEDULE_DELAY", "1000"),
        ("OTEL_BLRP_SCHEDULE_DELAY", "1000"),
        ("OTEL_METRIC_EXPORT_INTERVAL", "5000"),
    ];

    /// <summary>Path of the project folder relative to the repository root, e.g. "src/Services/Sampling".</summary>
    public string ProjectDirectory { get; } = projectDirectory;

    public Uri HttpEndpoint => new($"http://127.0.0.1:{Port(HttpEndpointName)}");

    public override string TypeName => "Project";

    public override IReadOnlyList<EndpointRequest> EndpointRequests => [new(HttpEndpointName)];

    public override IReadOnlyDictionary<string, string> DescribeEndpoints() =>
        new Dictionary<string, string> { [HttpEndpointName] = HttpEndpoint.ToString() };

    public override void CheckPrerequisites(HostingContext context)
    {
        ProjectFile(context);
        DotnetHost.Path();
    }

    /// <summary>
    /// Builds the project once, up front, when its dll is missing. The AppHost and the test project reference every
    /// service project, so normally the dll is already current and start-up costs no build.
    /// </summary>
    public override async Task InitializeAsync(HostingContext context, ResourceLog log, CancellationToken cancellationToken)
    {
        if (File.Exists(AssemblyPath(context))) return;

        log.Append("host", $"{AssemblyPath(context)} is missing; building {ProjectFile(context)}");
        var startInfo = new ProcessStartInfo(DotnetHost.Path(),
            ["build", ProjectFile(context), "-c", context.ProjectConfiguration, "-nologo", "-clp:ErrorsOnly"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var build = Process.Start(startInfo)!;
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = build.StandardError.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        var text = (await output + await errors).Trim();
        foreach (var line in text.Split('\n')) log.Append("host", line);
        if (build.ExitCode != 0)
        {
            throw new ResourceStartupException(Name, $"Building '{Name}' ({ProjectFile(context)}) failed:\n{text}");
        }
    }

    private readonly Dictionary<string, string> _declaredEnvironment = [];

    /// <summary>Variables declared with WithEnvironment; the AppHost's own environment takes precedence over them.</summary>
    public IReadOnlyDictionary<string, string> DeclaredEnvironment => _declaredEnvironment;

    internal void SetEnvironment(string variable, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        _declaredEnvironment[variable] = value;
    }

    public override ProcessLaunch CreateLaunch(HostingContext context)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = HttpEndpoint.ToString(),
            ["OTEL_SERVICE_NAME"] = Name,
            // A new instance id per process start, so restarts are distinguishable in traces and diagnostics.
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Guid.NewGuid():N}",
            [ShutdownTimeoutVariable] = ((int)StopGracePeriod.TotalSeconds).ToString(CultureInfo.InvariantCulture),
        };
        if (context.OtlpEndpoint is not null)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = context.OtlpEndpoint;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
            if (context.OtlpHeaders is not null) environment["OTEL_EXPORTER_OTLP_HEADERS"] = context.OtlpHeaders;
            // Export often enough for a live view (the SDK defaults are 5 s for spans and 60 s for metrics), unless
            // the user chose intervals for the AppHost's environment, which the services inherit.
            foreach (var (variable, milliseconds) in ExportIntervals)
            {
                if (Environment.GetEnvironmentVariable(variable) is null) environment[variable] = milliseconds;
            }
        }

        foreach (var reference in References)
        {
            if (reference is IResourceWithConnectionString withConnectionString)
            {
                environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.ConnectionString;
            }

            if (reference is IResourceWithServiceDiscovery withHttp)
            {
                environment[$"services__{reference.Name}__http__0"] = withHttp.HttpEndpoint.ToString();
            }
        }

        foreach (var (variable, value) in _declaredEnvironment)
        {
            if (Environment.GetEnvironmentVariable(variable) is null) environment[variable] = value;
        }

        var assembly = AssemblyPath(context);
        return new ProcessLaunch(DotnetHost.Path(), [assembly], Path.GetDirectoryName(assembly)!, environment);
    }

    /// <summary>Healthy when GET /health answers 2xx (ServiceDefaults' MapDefaultEndpoints).</summary>
    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        HttpProbe.SucceedsAsync(new Uri(HttpEndpoint, "/health"), cancellationToken);

    private string ProjectFile(HostingContext context)
    {
        var directory = Path.Combine(context.RepositoryRoot, ProjectDirectory);
        var projects = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.csproj") : [];
        return projects.Length == 1
            ? projects[0]
            : throw new ArgumentException(
                $"Project resource '{Name}' points at '{directory}', which must contain exactly one .csproj (found {projects.Length}).");
    }

    private string AssemblyPath(HostingContext context)
    {
        var project = ProjectFile(context);
        var targetFramework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        return Path.Combine(Path.GetDirectoryName(project)!, "bin", context.ProjectConfiguration, targetFramework,
            Path.GetFileNameWithoutExtension(project) + ".dll");
    }
}
