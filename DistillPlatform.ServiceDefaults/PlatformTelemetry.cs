using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DistillPlatform.ServiceDefaults;

/// <summary>The platform's own trace source and meter; services start activities and record metrics on these.</summary>
public static class PlatformTelemetry
{
    public const string SourceName = "DistillPlatform";

    /// <summary>MassTransit's ActivitySource and Meter name.</summary>
    public const string MassTransitSourceName = "MassTransit";

    public static readonly ActivitySource ActivitySource = new(SourceName);

    public static readonly Meter Meter = new(SourceName);
}
