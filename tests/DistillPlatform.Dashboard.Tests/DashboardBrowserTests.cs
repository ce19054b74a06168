using DistillPlatform.Hosting;

namespace DistillPlatform.Dashboard.Tests;

/// <summary>The dashboard of a running platform, as a user sees it in a real browser.</summary>
public sealed class DashboardBrowserTests(DashboardPlatformFixture platform) : IClassFixture<DashboardPlatformFixture>
{
    private static readonly TimeSpan UiTimeout = TimeSpan.FromSeconds(45);
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private HeadlessChromium Browser => platform.Browser;

    [Fact]
    public async Task Resources_logs_and_a_trace_across_two_services_are_shown()
    {
        var traceId = await platform.RelayPingAsync();

        // Resources: every resource of the platform, healthy, with its process id.
        await ShowAsync("#/resources");
        var rows = await Browser.WaitForAsync("four healthy resources", """
            (() => {
              const rows = [...document.querySelectorAll('#resources tbody tr')].map(r => ({
                name: r.dataset.resource, state: r.children[2].textContent, pid: r.children[4].textContent }));
              return rows.length === 4 && rows.every(r => r.state === 'Healthy') ? rows : null;
            })()
            """, UiTimeout);
        Assert.Equal(DashboardPlatformFixture.Resources, rows.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(platform.App.GetResourceState(DashboardPlatformFixture.Relay).ProcessId.ToString(),
            rows.EnumerateArray().Single(r => r.GetProperty("name").GetString() == DashboardPlatformFixture.Relay).GetProperty("pid").GetString());
        await Browser.ScreenshotAsync(Path.Combine(Screenshots, "resources.png"));

        // Console logs: the orchestrator's own line about starting the service's process.
        await ShowAsync($"#/console/{DashboardPlatformFixture.Target}");
        var pid = platform.App.GetResourceState(DashboardPlatformFixture.Target).ProcessId;
        await Browser.WaitForAsync("the console line of the service's start",
            $"document.querySelector('#console-output').textContent.includes('[host] started pid {pid}:')", UiTimeout);

        // Structured logs: ASP.NET Core's start-up line, exported over OTLP by the service, naming its own address.
        var listening = $"Now listening on: http://127.0.0.1:{platform.App.GetEndpoint(DashboardPlatformFixture.Relay).Port}";
        await ShowAsync("#/logs");
        await Browser.WaitForAsync("the service's 'Now listening on' log record", $$"""
            [...document.querySelectorAll('#logs tbody tr.log-row')].some(r =>
              r.dataset.service === '{{DashboardPlatformFixture.Relay}}' && r.querySelector('.message').textContent === '{{listening}}')
            """, UiTimeout);

        // Traces: the relayed ping, with spans of both services nested on one time axis.
        await ShowAsync($"#/traces/{traceId}");
        var services = await Browser.WaitForAsync("a waterfall with spans of both services", $$"""
            (() => {
              const services = [...new Set([...document.querySelectorAll('#waterfall .wf-row')].map(r => r.dataset.service))].sort();
              return services.includes('{{DashboardPlatformFixture.Relay}}') && services.includes('{{DashboardPlatformFixture.Target}}')
                ? services : null;
            })()
            """, UiTimeout);
        Assert.Equal([DashboardPlatformFixture.Target, DashboardPlatformFixture.Relay], services.EnumerateArray().Select(s => s.GetString()));
        var layout = await Browser.EvaluateAsync("""
            [...document.querySelectorAll('#waterfall .wf-row')].map(r => ({
              depth: Number(r.dataset.depth), width: r.querySelector('.wf-bar').getBoundingClientRect().width }))
            """);
        Assert.Contains(layout.EnumerateArray(), row => row.GetProperty("depth").GetInt32() > 0); // nested by parent
        Assert.All(layout.EnumerateArray(), row => Assert.True(row.GetProperty("width").GetDouble() > 0));

        // Clicking a span of the target service shows its attributes.
        await Browser.EvaluateAsync($"document.querySelector('#waterfall .wf-row[data-service=\"{DashboardPlatformFixture.Target}\"]').click()");
        var details = await Browser.WaitForAsync("the span's details", """
            (() => { const d = document.querySelector('#span-details.shown'); return d && d.textContent.includes('Attributes') ? d.textContent : null; })()
            """, UiTimeout);
        Assert.Contains(DashboardPlatformFixture.Target, details.GetString());
        await Browser.ScreenshotAsync(Path.Combine(Screenshots, "trace-waterfall.png"));

        // Metrics: the broker's queues, read from its management API, include the target's diagnostics queue with
        // its consumer; and the services' own metrics arrive (MassTransit's, exported every 5 s).
        await ShowAsync("#/metrics");
        await Browser.WaitForAsync("the target's diagnostics queue with one consumer", $$"""
            document.querySelector('#queues tbody tr[data-queue="{{DashboardPlatformFixture.Target}}-diagnostics"]')?.children[4].textContent === '1'
            """, UiTimeout);
        await Browser.WaitForAsync("a metric exported by a service", "document.querySelector('#metrics tbody tr[data-metric]')", UiTimeout);
        await Browser.ScreenshotAsync(Path.Combine(Screenshots, "metrics.png"));
    }

    [Fact]
    public async Task The_stop_and_start_buttons_stop_and_start_the_service_process()
    {
        const string service = DashboardPlatformFixture.Target;
        var before = platform.App.GetResourceState(service).ProcessId;
        await ShowAsync("#/resources");

        await ClickCommandAsync(service, "Stop");
        await Browser.WaitForAsync("the service shown as stopped", StateIs(service, "Stopped"), UiTimeout);
        Assert.Equal(ResourceStatus.Stopped, platform.App.GetResourceState(service).Status);
        Assert.Null(platform.App.GetResourceState(service).ProcessId);

        await ClickCommandAsync(service, "Start");
        await Browser.WaitForAsync("the service shown as healthy again", StateIs(service, "Healthy"), UiTimeout);
        var after = platform.App.GetResourceState(service);
        Assert.Equal(ResourceStatus.Healthy, after.Status);
        Assert.NotEqual(before, after.ProcessId);
    }

    private async Task ShowAsync(string hash)
    {
        await Browser.EvaluateAsync($"location.hash = '{hash}'");
    }

    private async Task ClickCommandAsync(string resource, string command)
    {
        await Browser.WaitForAsync($"the {command} button of {resource}",
            $"document.querySelector('#resources tr[data-resource=\"{resource}\"] button[data-command=\"{command}\"]')", UiTimeout);
        await Browser.EvaluateAsync(
            $"document.querySelector('#resources tr[data-resource=\"{resource}\"] button[data-command=\"{command}\"]').click()");
    }

    private static string StateIs(string resource, string state) =>
        $"document.querySelector('#resources tr[data-resource=\"{resource}\"]')?.children[2].textContent === '{state}'";
}
