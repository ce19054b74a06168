namespace DistillPlatform.Cli.Connection;

/// <summary>
/// How to reach a running platform: the broker and object store connection strings the services get
/// (<c>ConnectionStrings__messaging</c>, <c>ConnectionStrings__objectstore</c>) and, when telemetry is collected, the
/// OTLP endpoint with the headers it requires (<c>OTEL_EXPORTER_OTLP_HEADERS</c> syntax, e.g. the dashboard's key).
/// <see cref="Source"/> says where they came from, for error messages.
/// </summary>
public sealed record PlatformEndpoints(string? Messaging, string? ObjectStore, Uri? OtlpEndpoint, string Source)
{
    public string? OtlpHeaders { get; init; }

    public string RequireMessaging() => Messaging ?? throw new PlatformUnavailableException(
        $"{Source} names no message broker (resource 'messaging'). {PlatformUnavailableException.StartHint}");

    public string RequireObjectStore() => ObjectStore ?? throw new PlatformUnavailableException(
        $"{Source} names no object store (resource 'objectstore'). {PlatformUnavailableException.StartHint}");
}
