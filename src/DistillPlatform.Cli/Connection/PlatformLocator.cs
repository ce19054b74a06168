namespace DistillPlatform.Cli.Connection;

/// <summary>
/// Finds the platform the way the services are configured: the <c>ConnectionStrings__messaging</c> and
/// <c>ConnectionStrings__objectstore</c> variables when set, otherwise the running AppHost's
/// <c>STATE/endpoints.json</c>. <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with <c>OTEL_EXPORTER_OTLP_HEADERS</c>) overrides the
/// file's collector.
/// </summary>
public sealed class PlatformLocator(Func<string, string?> environment, Func<int, bool>? isProcessRunning = null)
{
    public const string MessagingVariable = "ConnectionStrings__messaging";
    public const string ObjectStoreVariable = "ConnectionStrings__objectstore";
    public const string OtlpVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string OtlpHeadersVariable = "OTEL_EXPORTER_OTLP_HEADERS";
    public const string StateDirectoryVariable = "DISTILL_STATE_DIR";

    /// <summary>The state folder: <paramref name="explicitState"/>, else $DISTILL_STATE_DIR, else &lt;repo&gt;/.state.</summary>
    public string StateDirectory(string? explicitState)
    {
        if (!string.IsNullOrWhiteSpace(explicitState)) return Path.GetFullPath(explicitState);
        if (environment(StateDirectoryVariable) is { Length: > 0 } fromEnvironment) return Path.GetFullPath(fromEnvironment);
        return Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), ".state");
    }

    /// <exception cref="PlatformUnavailableException">Neither the variables nor a live endpoints.json say where the platform is.</exception>
    public PlatformEndpoints Locate(string stateDirectory)
    {
        var messaging = environment(MessagingVariable);
        var objectStore = environment(ObjectStoreVariable);
        var otlp = environment(OtlpVariable) is { Length: > 0 } configured
            ? Uri.TryCreate(configured, UriKind.Absolute, out var collector)
                ? collector
                : throw new PlatformUnavailableException(
                    $"{OtlpVariable} '{configured}' is not an absolute URI; expected e.g. http://127.0.0.1:4318.")
            : null;

        var otlpHeaders = NullIfEmpty(environment(OtlpHeadersVariable));
        if (!string.IsNullOrWhiteSpace(messaging) || !string.IsNullOrWhiteSpace(objectStore))
        {
            return new PlatformEndpoints(NullIfEmpty(messaging), NullIfEmpty(objectStore), otlp, "the ConnectionStrings__* variables")
            {
                OtlpHeaders = otlpHeaders,
            };
        }

        var fromFile = EndpointsFileReader.Read(stateDirectory, isProcessRunning);
        return otlp is null ? fromFile : fromFile with { OtlpEndpoint = otlp, OtlpHeaders = otlpHeaders };
    }

    /// <summary>The folder holding DistillPlatform.sln above the running CLI, if it runs from a checkout.</summary>
    public static string? RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DistillPlatform.sln"))) return directory.FullName;
        }

        return null;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
