using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DistillPlatform.ServiceDefaults;

/// <summary>The platform's own trace source and meter; services start activities and record metrics on these.</summary>
public static class PlatformTelemetry
{
    public const string SourceName = "DistillPlatform";

    /// <summary>MassTransit's ActivitySource and Meter name.</summary>
    public const string MassTransitSourceName = "MassTransit";

    /// <summary>
    /// The platform's libraries (e.g. "DistillPlatform.Artifacts") name their own sources and meters under this prefix,
    /// so a library needs no reference to ServiceDefaults for its spans to be exported.
    /// </summary>
    public const string LibrarySourcesPattern = SourceName + ".*";

    public static readonly ActivitySource ActivitySource = new(SourceName);

    public static readonly Meter Meter = new(SourceName);
}
