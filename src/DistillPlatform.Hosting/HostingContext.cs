namespace DistillPlatform.Hosting;

/// <summary>What every resource needs to know about the running application: where things are on disk.</summary>
public sealed class HostingContext(DistributedApplicationOptions options)
{
    public string RepositoryRoot { get; } = options.RepositoryRoot;

    public string StateDirectory { get; } = options.StateDirectory;

    public string LogDirectory => Path.Combine(StateDirectory, "logs");

    /// <summary>The OTLP endpoint passed to services, or null when telemetry export is off.</summary>
    public string? OtlpEndpoint { get; private set; } = options.OtlpEndpoint;

    /// <summary>OTEL_EXPORTER_OTLP_HEADERS for services (the dashboard's OTLP key), or null to pass none.</summary>
    public string? OtlpHeaders { get; private set; }

    /// <summary>Build configuration of the service projects (the one the AppHost itself was built with).</summary>
    public string ProjectConfiguration { get; } = options.ProjectConfiguration;

    /// <summary>Makes services export to the dashboard's OTLP receiver (set before any service is launched).</summary>
    internal void ExportTelemetryTo(string endpoint, string headers)
    {
        OtlpEndpoint = endpoint;
        OtlpHeaders = headers;
    }

    /// <summary>The folder that holds one resource's data (broker database, object store buckets, credentials).</summary>
    public string ResourceDirectory(string resourceName) => Path.Combine(StateDirectory, resourceName);
}
