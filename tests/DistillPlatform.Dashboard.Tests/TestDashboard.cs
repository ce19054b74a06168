using System.Net.Http.Headers;

namespace DistillPlatform.Dashboard.Tests;

/// <summary>A dashboard server in the test process with known secrets and a fake orchestrator.</summary>
public sealed class TestDashboard : IAsyncDisposable
{
    public const string BrowserToken = "browser-token-0123456789abcdef";
    public const string OtlpApiKey = "otlp-api-key-0123456789abcdef";

    private TestDashboard(DashboardServer server, FakeResourceCatalog catalog, string logDirectory)
    {
        Server = server;
        Catalog = catalog;
        LogDirectory = logDirectory;
    }

    public DashboardServer Server { get; }

    public FakeResourceCatalog Catalog { get; }

    public string LogDirectory { get; }

    public static async Task<TestDashboard> StartAsync(Telemetry.TelemetryLimits? limits = null)
    {
        var logDirectory = Directory.CreateTempSubdirectory("distill-dashboard-test-").FullName;
        var catalog = new FakeResourceCatalog(logDirectory);
        var server = await DashboardServer.StartAsync(
            new DashboardOptions { BrowserToken = BrowserToken, OtlpApiKey = OtlpApiKey, Limits = limits ?? new() }, catalog);
        return new TestDashboard(server, catalog, logDirectory);
    }

    /// <summary>A client that is not signed in and does not follow redirects (so a login's 302 can be checked).</summary>
    public HttpClient AnonymousClient() =>
        new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = Server.Address,
        };

    /// <summary>A client authorised with the browser token as a bearer token.</summary>
    public HttpClient SignedInClient()
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BrowserToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(LogDirectory, recursive: true);
    }
}
