using DistillPlatform.Dashboard.Telemetry;

namespace DistillPlatform.Dashboard;

/// <summary>How to run the dashboard. Secrets left null are generated at random (the normal case).</summary>
public sealed record DashboardOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Token of the login URL (<c>/login?t=TOKEN</c>) that signs a browser in.</summary>
    public string? BrowserToken { get; init; }

    /// <summary>Key services must send in the x-otlp-api-key header with their OTLP exports.</summary>
    public string? OtlpApiKey { get; init; }

    public TelemetryLimits Limits { get; init; } = new();
}
