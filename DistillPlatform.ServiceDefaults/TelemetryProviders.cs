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

    public TelemetryProviders(bool exportOtlp)
    {
        // CreateDefault reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (service.instance.id) set by the AppHost.
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault())
            .AddSource(PlatformTelemetry.MassTransitSourceName, PlatformTelemetry.SourceName);
        if (exportOtlp) tracing.AddOtlpExporter(UseHttpProtobuf);
        _tracerProvider = tracing.Build();

        if (exportOtlp)
        {
            _meterProvider = Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(ResourceBuilder.CreateDefault())
                .AddMeter(PlatformTelemetry.MassTransitSourceName, PlatformTelemetry.SourceName)
                .AddOtlpExporter(UseHttpProtobuf)
                .Build();
        }
    }

    /// <summary>The endpoint comes from OTEL_EXPORTER_OTLP_ENDPOINT; the exporter appends /v1/traces etc. itself.</summary>
    public static void UseHttpProtobuf(OtlpExporterOptions options) => options.Protocol = OtlpExportProtocol.HttpProtobuf;

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
