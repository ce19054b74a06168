using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DistillPlatform.AppHost;
using DistillPlatform.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DistillPlatform.AppHost.Tests;

/// <summary>
/// A service host built with AddServiceDefaults and OTEL_EXPORTER_OTLP_ENDPOINT pointing at a fake collector in the test
/// process: stopping the host flushes the platform's spans and logs there as OTLP HTTP/protobuf requests.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class TelemetryExportTests(PlatformFixture platform)
{
    [Fact]
    public async Task Spans_and_logs_are_exported_as_otlp_http_protobuf_when_an_endpoint_is_configured()
    {
        var collectorPort = FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{collectorPort}/");
        collector.Start();
        var received = new ConcurrentQueue<(string Path, string? ContentType, long Length)>();
        var collecting = CollectAsync(collector, received);

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:messaging"] = platform.App.GetConnectionString(PlatformModel.Messaging);
        builder.Configuration["OTEL_SERVICE_NAME"] = "telemetry-export-test";
        builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{collectorPort}";
        builder.Services.Configure<MassTransit.MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddServiceDefaults();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            using (PlatformTelemetry.ActivitySource.StartActivity("exported-span"))
            {
                host.Services.GetRequiredService<ILogger<TelemetryExportTests>>().LogInformation("exported log record");
            }

            await host.StopAsync();
        } // disposing the host flushes the log exporter

        Assert.Contains(received, request => request is { Path: "/v1/traces", ContentType: "application/x-protobuf", Length: > 0 });
        Assert.Contains(received, request => request is { Path: "/v1/logs", ContentType: "application/x-protobuf", Length: > 0 });
        collector.Stop();
        await collecting;
    }

    /// <summary>Answers every request with 200 and records its path, content type and body length.</summary>
    private static async Task CollectAsync(HttpListener listener, ConcurrentQueue<(string, string?, long)> received)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return; // stopped by the test
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType, body.Length));
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
