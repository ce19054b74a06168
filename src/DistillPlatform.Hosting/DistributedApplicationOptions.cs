using System.Reflection;

namespace DistillPlatform.Hosting;

/// <summary>
/// Where the application keeps its state and finds its projects. Defaults: state in <c>&lt;repo&gt;/.state</c>
/// (override with <c>--state DIR</c> or <c>DISTILL_STATE_DIR</c>), kept between runs unless <c>--fresh</c> is given.
/// </summary>
public sealed class DistributedApplicationOptions
{
    public const string StateDirectoryVariable = "DISTILL_STATE_DIR";

    public const string Usage =
        "Usage: DistillPlatform.AppHost [--state DIR] [--fresh] [--no-dashboard]\n"
        + "  --state DIR     keep broker data, object store data and logs in DIR (default <repo>/.state, or $DISTILL_STATE_DIR)\n"
        + "  --fresh         wipe the state folder before starting\n"
        + "  --no-dashboard  do not start the dashboard (and its OTLP receiver)";

    public DistributedApplicationOptions()
    {
        RepositoryRoot = FindRepositoryRoot(AppContext.BaseDirectory);
        StateDirectory = Environment.GetEnvironmentVariable(StateDirectoryVariable) is { Length: > 0 } fromEnvironment
            ? Path.GetFullPath(fromEnvironment)
            : Path.Combine(RepositoryRoot, ".state");
        OtlpEndpoint = Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT") is { Length: > 0 } otlp ? otlp : null;
        ProjectConfiguration = typeof(DistributedApplicationOptions).Assembly
            .GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
    }

    /// <summary>The folder holding DistillPlatform.sln; service project paths are relative to it.</summary>
    public string RepositoryRoot { get; set; }

    public string StateDirectory { get; set; }

    /// <summary>Wipe <see cref="StateDirectory"/> before starting.</summary>
    public bool Fresh { get; set; }

    /// <summary>
    /// Passed to services as OTEL_EXPORTER_OTLP_ENDPOINT; defaults to the AppHost's own variable. When null and the
    /// dashboard runs, services export to the dashboard instead.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>
    /// Run the dashboard (resources, console and structured logs, traces, metrics) on a free port of 127.0.0.1. On by
    /// default; the testing builder turns it off unless a test asks for it, as Aspire's does.
    /// </summary>
    public bool DashboardEnabled { get; set; } = true;

    /// <summary>Build configuration whose output is run for project resources.</summary>
    public string ProjectConfiguration { get; set; }

    /// <summary>Where the orchestrator prints its progress (start-up lines, the endpoint table, restarts).</summary>
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>Applies command-line arguments; unknown ones are rejected with the usage text.</summary>
    public void ApplyArguments(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--fresh":
                    Fresh = true;
                    break;
                case "--no-dashboard":
                    DashboardEnabled = false;
                    break;
                case "--state" when i + 1 < args.Count:
                    StateDirectory = Path.GetFullPath(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete argument '{args[i]}'.\n{Usage}", nameof(args));
            }
        }
    }

    private static string FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DistillPlatform.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException(
            $"Could not find DistillPlatform.sln above '{start}'; run the AppHost from inside the repository or set "
            + $"{nameof(RepositoryRoot)} explicitly.");
    }
}
