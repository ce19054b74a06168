using System.Diagnostics;
using DistillPlatform.ServiceDefaults;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DistillPlatform.Cli.Telemetry;

/// <summary>
/// The CLI's traces. A tracer provider always listens (to the CLI's source and MassTransit's), because MassTransit only
/// creates send activities, and so only puts a trace context into the messages, when someone listens: the pipeline's
/// trace then starts at the CLI's root activity. Spans are exported over OTLP (HTTP/protobuf) only when a collector
/// is known; disposing the provider flushes them.
/// </summary>
public static class CliTelemetry
{
    public const string ServiceName = "distill-cli";

    public static readonly ActivitySource ActivitySource = new("DistillPlatform.Cli");

    /// <param name="otlpHeaders">Headers the collector requires, as "key=value,key2=value2" (OTEL_EXPORTER_OTLP_HEADERS syntax).</param>
    public static TracerProvider Start(Uri? otlpEndpoint, string? otlpHeaders = null)
    {
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(ServiceName))
            .SetSampler(new AlwaysOnSampler())
            .AddSource(ActivitySource.Name, PlatformTelemetry.MassTransitSourceName);
        if (otlpEndpoint is not null)
        {
            var baseAddress = otlpEndpoint.AbsoluteUri.EndsWith('/') ? otlpEndpoint : new Uri(otlpEndpoint.AbsoluteUri + "/");
            tracing.AddOtlpExporter(options =>
            {
                options.Protocol = OtlpExportProtocol.HttpProtobuf;
                options.Endpoint = new Uri(baseAddress, "v1/traces");
                if (otlpHeaders is not null) options.Headers = otlpHeaders;
            });
        }

        return tracing.Build();
    }
}
