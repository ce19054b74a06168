using System.Net;
using System.Text.Json.Serialization;
using DistillPlatform.Dashboard.Resources;
using DistillPlatform.Dashboard.Telemetry;
using DistillPlatform.Dashboard.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace DistillPlatform.Dashboard;

/// <summary>
/// The running dashboard: a small Kestrel server on 127.0.0.1 serving the pages, their JSON API and an OTLP/HTTP
/// receiver. The orchestrator starts it before any service, passes <see cref="OtlpEndpoint"/> and
/// <see cref="OtlpHeaders"/> to the services, and prints <see cref="LoginUrl"/>.
/// <code>
/// await using var dashboard = await DashboardServer.StartAsync(new DashboardOptions(), catalog);
/// Console.WriteLine(dashboard.LoginUrl);
/// </code>
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BrokerQueueReader? _queues;

    private DashboardServer(WebApplication app, BrokerQueueReader? queues, TelemetryStore telemetry, Uri address,
        string browserToken, string otlpApiKey)
    {
        _app = app;
        _queues = queues;
        Telemetry = telemetry;
        Address = address;
        LoginUrl = new Uri(address, $"{DashboardAccess.LoginPath}?t={browserToken}");
        OtlpHeaders = $"{DashboardAccess.OtlpApiKeyHeader}={otlpApiKey}";
    }

    /// <summary>The dashboard's base address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    /// <summary>Opening this address signs a browser in (it carries the token).</summary>
    public Uri LoginUrl { get; }

    /// <summary>The OTLP/HTTP base address for OTEL_EXPORTER_OTLP_ENDPOINT (exporters append /v1/traces etc.).</summary>
    public Uri OtlpEndpoint => Address;

    /// <summary>The value for OTEL_EXPORTER_OTLP_HEADERS: the header carrying the OTLP key.</summary>
    public string OtlpHeaders { get; }

    /// <summary>What the OTLP receiver has stored.</summary>
    public TelemetryStore Telemetry { get; }

    /// <exception cref="IOException">The port is taken (Kestrel's message names it).</exception>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, IResourceCatalog resources,
        CancellationToken cancellationToken = default)
    {
        var browserToken = options.BrowserToken ?? DashboardAccess.NewSecret();
        var otlpApiKey = options.OtlpApiKey ?? DashboardAccess.NewSecret();
        var access = new DashboardAccess(browserToken, otlpApiKey);
        var telemetry = new TelemetryStore(options.Limits);
        var queues = resources.Broker is { } broker ? new BrokerQueueReader(broker) : null;

        // The empty builder reads no configuration or environment (the AppHost's ASPNETCORE_URLS is not ours) and adds
        // no logging providers, so the dashboard never writes into the AppHost's console.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.Configure<JsonOptions>(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.Use((context, next) =>
        {
            // The pages load nothing from elsewhere and must not be framed (their buttons stop resources).
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            return next();
        });
        app.Use((context, next) => access.InvokeAsync(context, _ => next()));
        app.UseRouting();
        app.MapOtlp(telemetry);
        app.MapDashboardApi(telemetry, resources, queues);
        app.MapStaticAssets();
        await app.StartAsync(cancellationToken);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Single();
        var address = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        return new DashboardServer(app, queues, telemetry, address, browserToken, otlpApiKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _queues?.Dispose();
    }
}
