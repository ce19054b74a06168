using System.Net;
using System.Text.Json;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Testing;

namespace DistillPlatform.AppHost.Tests;

/// <summary>The orchestrator starts the dashboard before its resources and publishes its address.</summary>
public sealed class DashboardStartupTests
{
    [Fact]
    public async Task The_dashboard_runs_on_loopback_behind_its_login_url_which_endpoints_json_holds()
    {
        string? stateDirectory = null;
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(
            builder => builder.AddObjectStore("objectstore"),
            options =>
            {
                options.DashboardEnabled = true;
                stateDirectory = options.StateDirectory;
            });
        await app.StartAsync();

        var login = app.DashboardLoginUrl!;
        Assert.Equal("127.0.0.1", login.Host);
        Assert.Equal("/login", login.AbsolutePath);
        using var endpoints = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(stateDirectory!, "endpoints.json")));
        Assert.Equal(login.ToString(), endpoints.RootElement.GetProperty("dashboard").GetProperty("loginUrl").GetString());

        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        using var anonymous = await client.GetAsync(new Uri(login, "/api/resources"));
        using var signingIn = await client.GetAsync(login);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signingIn.StatusCode);
    }

    [Fact]
    public async Task The_testing_builder_starts_no_dashboard_unless_asked()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(builder => builder.AddObjectStore("objectstore"));
        await app.StartAsync();

        Assert.Null(app.DashboardLoginUrl);
    }
}
