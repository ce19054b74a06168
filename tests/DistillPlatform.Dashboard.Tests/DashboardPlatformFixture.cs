using System.Diagnostics;
using DistillPlatform.Contracts.Diagnostics;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Testing;
using DistillPlatform.ServiceDefaults;
using MassTransit;

namespace DistillPlatform.Dashboard.Tests;

/// <summary>
/// A real platform subset (broker, object store, feature-extraction, checkpoint-pool) started through the testing
/// entry point with its dashboard on, a MassTransit client bus on its broker, and a headless Chromium signed in to the
/// dashboard through the login URL.
/// </summary>
public sealed class DashboardPlatformFixture : IAsyncLifetime
{
    public const string Relay = "feature-extraction";
    public const string Target = "checkpoint-pool";
    public static readonly string[] Resources = ["messaging", "objectstore", Relay, Target];

    /// <summary>Generous: a cold RabbitMQ and two .NET services start on a shared two-core machine.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);

    private const string TestSourceName = "DistillPlatform.Dashboard.Tests.Browser";
    private static readonly ActivitySource TestSource = new(TestSourceName);

    // Makes the test process record activities, so MassTransit stamps a traceparent on what the tests send and the
    // services continue the test's trace.
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name is PlatformTelemetry.MassTransitSourceName or TestSourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    private DistributedApplication? _app;
    private IBusControl? _bus;
    private HeadlessChromium? _browser;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The platform is not started.");

    public HeadlessChromium Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        ActivitySource.AddActivityListener(_listener);
        _app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            var messaging = builder.AddRabbitMQ("messaging");
            var objectStore = builder.AddObjectStore("objectstore");
            foreach (var (name, directory) in new[] { (Relay, "src/Services/FeatureExtraction"), (Target, "src/Services/CheckpointPool") })
            {
                builder.AddProject(name, directory)
                    .WithReference(messaging).WaitFor(messaging)
                    .WithReference(objectStore).WaitFor(objectStore);
            }
        }, options => options.DashboardEnabled = true);
        await _app.StartAsync();
        // Chromium starts while the platform does.
        var launching = HeadlessChromium.LaunchAsync(TimeSpan.FromSeconds(60));
        using var timeout = new CancellationTokenSource(StartupTimeout);
        await _app.WaitForAllHealthyAsync(timeout.Token);
        _browser = await launching;

        var broker = AmqpConnectionString.Parse(_app.GetConnectionString("messaging"));
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(broker.Host, broker.Port, broker.VirtualHost, host =>
        {
            host.Username(broker.UserName);
            host.Password(broker.Password);
        }));
        await _bus.StartAsync(timeout.Token);

        await Browser.NavigateAsync(App.DashboardLoginUrl!);
        await Browser.WaitForAsync("the dashboard page after login", "document.querySelector('#resources') && location.pathname === '/'",
            TimeSpan.FromSeconds(30));
    }

    /// <summary>Asks <see cref="Relay"/> to ping <see cref="Target"/>, inside a trace started here; returns its trace id.</summary>
    public async Task<string> RelayPingAsync()
    {
        using var activity = TestSource.StartActivity("dashboard-test relay")!;
        var client = _bus!.CreateRequestClient<RelayPing>(DiagnosticsQueue.AddressFor(Relay), RequestTimeout.After(s: 60));
        var answer = await client.GetResponse<RelayPong>(new RelayPing(Target));
        Assert.Equal(activity.TraceId.ToHexString(), answer.Message.Target.TraceId);
        return activity.TraceId.ToHexString();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_bus is not null) await _bus.StopAsync();
        if (_app is not null) await _app.DisposeAsync();
        _listener.Dispose();
    }
}
