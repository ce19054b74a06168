using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// Owns the process's tracer and meter providers (built by hand because OpenTelemetry.Extensions.Hosting is not
/// available) and disposes them when the host stops, which flushes what is still buffered.
/// The tracer provider always exists: it is the listener that makes MassTransit create activities, so trace ids
/// travel across messages even when nothing is exported. Export happens only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
/// </summary>
internal sealed class TelemetryProviders : IHostedService, IDisposable
{
    private readonly TracerProvider _tracerProvider;
    private readonly MeterProvider? _meterProvider;

    /// <param name="otlpEndpoint">Base address of the OTLP collector (OTEL_EXPORTER_OTLP_ENDPOINT), or null for no export.</param>
    public TelemetryProviders(Uri? otlpEndpoint)
    {
        // CreateDefault reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (service.instance.id) set by the AppHost.
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault())
            .AddSource(PlatformTelemetry.MassTransitSourceName, PlatformTelemetry.SourceName, PlatformTelemetry.LibrarySourcesPattern);
        if (otlpEndpoint is not null) tracing.AddOtlpExporter(options => UseHttpProtobuf(options, otlpEndpoint, "v1/traces"));
        _tracerProvider = tracing.Build();

        if (otlpEndpoint is not null)
        {
            _meterProvider = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault())
                .AddMeter(PlatformTelemetry.MassTransitSourceName, PlatformTelemetry.SourceName, PlatformTelemetry.LibrarySourcesPattern)
                .AddOtlpExporter(options => UseHttpProtobuf(options, otlpEndpoint, "v1/metrics"))
                .Build();
        }
    }

    /// <summary>
    /// Points an exporter at one signal's path under the collector's base address. The address is taken from the
    /// host's configuration (so tests and appsettings can set it too); with an explicit endpoint the exporter does not
    /// append the signal path itself.
    /// </summary>
    public static void UseHttpProtobuf(OtlpExporterOptions options, Uri collector, string signalPath)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        var baseAddress = collector.AbsoluteUri.EndsWith('/') ? collector : new Uri(collector.AbsoluteUri + "/");
        options.Endpoint = new Uri(baseAddress, signalPath);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _tracerProvider.Dispose();
        _meterProvider?.Dispose();
    }
}
