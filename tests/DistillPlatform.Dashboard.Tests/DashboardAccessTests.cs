using System.Net;
using DistillPlatform.Dashboard.Web;

namespace DistillPlatform.Dashboard.Tests;

public sealed class DashboardAccessTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/app.js")]
    [InlineData("/api/resources")]
    [InlineData("/api/logs")]
    [InlineData("/api/console/messaging")]
    [InlineData("/no-such-page")]
    public async Task Every_page_and_api_refuses_a_request_without_the_session_cookie_or_token(string path)
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.AnonymousClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("login URL", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_command_without_the_token_is_refused_and_not_run()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.AnonymousClient();

        using var response = await client.PostAsync("/api/resources/messaging/stop", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(dashboard.Catalog.Commands);
    }

    [Fact]
    public async Task The_login_url_sets_a_session_cookie_that_opens_the_dashboard()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.AnonymousClient();

        using var login = await client.GetAsync(dashboard.Server.LoginUrl.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location?.OriginalString);
        var setCookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardAccess.CookieName(dashboard.Server.Address.Port) + "=", setCookie);
        Assert.Contains("httponly", setCookie);
        Assert.Contains("samesite=strict", setCookie);
        // The cookie carries a session value, not the token of the login URL.
        Assert.DoesNotContain(TestDashboard.BrowserToken, setCookie);

        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("Cookie", setCookie.Split(';')[0]);
        using var response = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<title>DistillPlatform dashboard</title>", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/login")]
    [InlineData("/login?t=")]
    [InlineData("/login?t=browser-token-0123456789abcdeX")]
    [InlineData("/login?t=otlp-api-key-0123456789abcdef")]
    public async Task A_wrong_or_missing_login_token_sets_no_cookie(string path)
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.AnonymousClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_forged_session_cookie_is_refused()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        request.Headers.Add("Cookie", $"{DashboardAccess.CookieName(dashboard.Server.Address.Port)}={TestDashboard.BrowserToken}");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_otlp_key_and_the_browser_token_do_not_stand_in_for_each_other()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.AnonymousClient();

        // The browser token does not admit OTLP exports...
        using var export = new HttpRequestMessage(HttpMethod.Post, "/v1/traces")
        {
            Content = new ByteArrayContent([]) { Headers = { { "Content-Type", "application/x-protobuf" } } },
        };
        export.Headers.Add("Authorization", $"Bearer {TestDashboard.BrowserToken}");
        using var exportResponse = await client.SendAsync(export);
        Assert.Equal(HttpStatusCode.Unauthorized, exportResponse.StatusCode);

        // ...and the OTLP key (which every service's environment holds) does not open the dashboard.
        using var page = new HttpRequestMessage(HttpMethod.Get, "/api/resources");
        page.Headers.Add(DashboardAccess.OtlpApiKeyHeader, TestDashboard.OtlpApiKey);
        using var pageResponse = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.Unauthorized, pageResponse.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_client_runs_commands_on_resources()
    {
        await using var dashboard = await TestDashboard.StartAsync();
        using var client = dashboard.SignedInClient();

        using var accepted = await client.PostAsync("/api/resources/messaging/restart", null);
        using var unknownResource = await client.PostAsync("/api/resources/nothing/stop", null);
        using var unknownCommand = await client.PostAsync("/api/resources/messaging/explode", null);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownResource.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownCommand.StatusCode);
        Assert.Equal([("messaging", Resources.ResourceCommand.Restart)], dashboard.Catalog.Commands);
    }
}
