using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DistillPlatform.Dashboard.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DistillPlatform.Dashboard.Tests;

/// <summary>
/// OpenTelemetry's own OTLP exporter (HttpProtobuf, as the services use it) sends to the dashboard in this process;
/// what the receiver stored must be what was recorded.
/// <para>
/// A test waits for the store to hold what it exported, never assumes it does once a flush returned: the batch
/// processors behind traces and logs report a flush as done as soon as their exporter has taken the items off its
/// queue, which under load is before the dashboard answered the HTTP request (opentelemetry-dotnet#4858).
/// </para>
/// </summary>
public sealed class OtlpReceiverTests : IAsyncLifetime
{
    /// <summary>
    /// Generous: the exporter's own HTTP timeout is 10 s, and the first export of a fresh process took up to 2.4 s on a
    /// two-core machine kept busy by other builds.
    /// </summary>
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(30);

    private readonly ActivitySource _source = new("DistillPlatform.Dashboard.Tests." + Guid.NewGuid().ToString("N"));
    private readonly ExporterSelfDiagnostics _exporterEvents = new();
    private TestDashboard _dashboard = null!;

    public async Task InitializeAsync() => _dashboard = await TestDashboard.StartAsync();

    public async Task DisposeAsync()
    {
        _source.Dispose();
        await _dashboard.DisposeAsync();
        _exporterEvents.Dispose();
    }

    [Fact]
    public async Task Spans_arrive_with_their_ids_parent_times_attributes_events_status_and_service()
    {
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("svc-traces", serviceInstanceId: "instance-7"))
            .AddSource(_source.Name)
            .AddOtlpExporter(options => ExportTo(options, "v1/traces"))
            .Build();

        Activity parent, child;
        using (parent = _source.StartActivity("train step", ActivityKind.Server)!)
        {
            parent.SetTag("distill.run", "run-1");
            parent.SetTag("distill.step", 12);
            using (child = _source.StartActivity("upload checkpoint", ActivityKind.Client)!)
            {
                child.AddEvent(new ActivityEvent("retrying", tags: new ActivityTagsCollection { ["delay.ms"] = 200 }));
                child.SetStatus(ActivityStatusCode.Error, "disk full");
            }
        }

        // Starts the export now rather than on the exporter's 5 s schedule; its answer is awaited in the store.
        tracing.ForceFlush(timeoutMilliseconds: 0);

        var spans = await WaitForStoredAsync(store => store.Spans(), stored => stored.Length >= 2, "the 2 exported spans");
        Assert.Equal(2, spans.Length);
        var root = Assert.Single(spans, s => s.Name == "train step");
        var upload = Assert.Single(spans, s => s.Name == "upload checkpoint");

        Assert.Equal(parent.TraceId.ToHexString(), root.TraceId);
        Assert.Equal(parent.SpanId.ToHexString(), root.SpanId);
        Assert.Null(root.ParentSpanId);
        Assert.Equal(parent.TraceId.ToHexString(), upload.TraceId);
        Assert.Equal(parent.SpanId.ToHexString(), upload.ParentSpanId);
        Assert.Equal("Server", root.Kind);
        Assert.Equal("Client", upload.Kind);
        // OTLP carries nanoseconds; .NET's 100 ns ticks survive the round trip exactly.
        Assert.Equal(new DateTimeOffset(parent.StartTimeUtc), root.Start);
        Assert.Equal(parent.Duration, root.Duration);
        Assert.Equal(("svc-traces", "instance-7", _source.Name), (root.Service, root.ServiceInstance, root.Scope));
        Assert.Contains(new TelemetryAttribute("distill.run", "run-1"), root.Attributes);
        Assert.Contains(new TelemetryAttribute("distill.step", "12"), root.Attributes);
        Assert.Equal((SpanStatus.Error, "disk full"), (upload.Status, upload.StatusMessage));
        var retrying = Assert.Single(upload.Events);
        Assert.Equal("retrying", retrying.Name);
        Assert.Equal([new TelemetryAttribute("delay.ms", "200")], retrying.Attributes);
    }

    [Fact]
    public async Task Log_records_arrive_with_level_category_message_attributes_and_trace_and_can_be_filtered()
    {
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(_source.Name).Build();
        // The factory stays alive until the records are stored: disposing it would wait at most 5 s for the export and
        // then shut the exporter down, cancelling an export still under way. Logging has no ForceFlush, so the batch
        // processor is told to export soon after records are queued instead of every 5 s.
        using var logging = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddOpenTelemetry(options =>
        {
            options.SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("svc-logs"));
            options.IncludeFormattedMessage = true;
            options.AddOtlpExporter((exporter, processor) =>
            {
                ExportTo(exporter, "v1/logs");
                processor.BatchExportProcessorOptions.ScheduledDelayMilliseconds = 100;
            });
        }));
        var logger = logging.CreateLogger("DistillPlatform.Queues");
        logger.LogDebug("Polling {Queue}", "extract-features");
        Activity activity;
        using (activity = _source.StartActivity("inspect queue")!)
        {
            logger.LogWarning("Queue {Queue} is {Depth} messages deep", "extract-features", 17);
        }

        var logs = await WaitForStoredAsync(store => store.Logs(), stored => stored.Length >= 2, "the 2 exported log records");
        Assert.Equal(2, logs.Length);
        var warning = logs[1];
        Assert.Equal(LogLevelName.Warning, warning.Level);
        Assert.Equal(LogLevelName.Debug, logs[0].Level);
        Assert.Equal("svc-logs", warning.Service);
        Assert.Equal("DistillPlatform.Queues", warning.Category);
        Assert.Equal("Queue extract-features is 17 messages deep", warning.Message);
        Assert.Contains(new TelemetryAttribute("Queue", "extract-features"), warning.Attributes);
        Assert.Contains(new TelemetryAttribute("Depth", "17"), warning.Attributes);
        Assert.Equal(activity.TraceId.ToHexString(), warning.TraceId);
        Assert.Equal(activity.SpanId.ToHexString(), warning.SpanId);
        Assert.Null(logs[0].TraceId);

        using var client = _dashboard.SignedInClient();
        Assert.Equal(["Queue extract-features is 17 messages deep"], await MessagesAsync(client, "/api/logs?level=Warning"));
        Assert.Equal(["Polling extract-features"], await MessagesAsync(client, "/api/logs?text=polling"));
        Assert.Equal(["Queue extract-features is 17 messages deep"],
            await MessagesAsync(client, $"/api/logs?traceId={activity.TraceId.ToHexString()[..8]}"));
        Assert.Empty(await MessagesAsync(client, "/api/logs?service=another-service"));
    }

    [Fact]
    public async Task Counters_histograms_and_gauges_arrive_with_their_values()
    {
        using var meter = new Meter("DistillPlatform.Dashboard.Tests.Meter." + Guid.NewGuid().ToString("N"));
        var steps = meter.CreateCounter<long>("distill.training.steps");
        var bytes = meter.CreateHistogram<double>("distill.artifact.bytes", unit: "By");
        meter.CreateObservableGauge("distill.loss", () => 0.125);
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateEmpty().AddService("svc-metrics"))
            .AddMeter(meter.Name)
            .AddOtlpExporter(options => ExportTo(options, "v1/metrics"))
            .Build();

        steps.Add(3, new KeyValuePair<string, object?>("run", "a"));
        steps.Add(2, new KeyValuePair<string, object?>("run", "a"));
        bytes.Record(1000);
        bytes.Record(2000);
        bytes.Record(6000);
        // A metric flush collects and exports on this thread; whether the export succeeded shows in what was stored.
        metrics.ForceFlush(timeoutMilliseconds: 30_000);

        string[] names = ["distill.training.steps", "distill.artifact.bytes", "distill.loss"];
        var stored = await WaitForStoredAsync(store => store.Metrics(),
            streams => names.All(name => streams.Any(s => s.Latest.Name == name)), "the 3 exported metric streams");
        var series = stored.ToDictionary(m => m.Latest.Name);
        var counter = series["distill.training.steps"].Latest;
        Assert.Equal((MetricKind.Sum, true, true, 5.0), (counter.Kind, counter.IsMonotonic, counter.IsCumulative, counter.Value));
        Assert.Equal([new TelemetryAttribute("run", "a")], counter.Attributes);
        Assert.Equal("svc-metrics", counter.Service);
        var histogram = series["distill.artifact.bytes"].Latest;
        Assert.Equal((MetricKind.Histogram, 3L, 9000.0, 3000.0, "By"),
            (histogram.Kind, histogram.Count, histogram.Sum, histogram.Value, histogram.Unit));
        var gauge = series["distill.loss"].Latest;
        Assert.Equal((MetricKind.Gauge, 0.125), (gauge.Kind, gauge.Value));
    }

    [Fact]
    public async Task A_body_that_is_not_otlp_protobuf_is_refused_with_a_reason()
    {
        using var client = _dashboard.AnonymousClient();

        // Field 1 (resource_spans) announced as 127 bytes long, but the body ends after the length.
        using var truncated = await PostAsync(client, "/v1/traces", [0x0A, 0x7F], "application/x-protobuf");
        using var json = await PostAsync(client, "/v1/logs", "{}"u8.ToArray(), "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Contains("Malformed OTLP trace request", await truncated.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Contains("http/protobuf", await json.Content.ReadAsStringAsync());
        Assert.Empty(_dashboard.Server.Telemetry.Spans());
    }

    private void ExportTo(OtlpExporterOptions options, string signalPath)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(_dashboard.Server.OtlpEndpoint, signalPath);
        options.Headers = _dashboard.Server.OtlpHeaders;
    }

    /// <summary>
    /// What <paramref name="read"/> takes from the dashboard's store once <paramref name="complete"/> accepts it,
    /// read again each time the receiver stores something. After <see cref="ArrivalTimeout"/> a
    /// <see cref="TimeoutException"/> names what was awaited, what is stored and what OpenTelemetry reported.
    /// </summary>
    private async Task<T> WaitForStoredAsync<T>(Func<TelemetryStore, T> read, Func<T, bool> complete, string expected)
    {
        var store = _dashboard.Server.Telemetry;
        var added = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnAdded() => Volatile.Read(ref added).TrySetResult();
        store.Added += OnAdded;
        try
        {
            using var expired = new CancellationTokenSource(ArrivalTimeout);
            while (true)
            {
                // Armed before reading, so that something stored in between completes the next wait instead of being missed.
                var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                Volatile.Write(ref added, next);
                var value = read(store);
                if (complete(value)) return value;
                try
                {
                    await next.Task.WaitAsync(expired.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException(
                        $"The dashboard did not store {expected} within {ArrivalTimeout.TotalSeconds:0} s; it holds "
                        + $"{store.Spans().Length} spans, {store.Logs().Length} log records and {store.Metrics().Count} "
                        + $"metric streams.\n{_exporterEvents.Describe()}");
                }
            }
        }
        finally
        {
            store.Added -= OnAdded;
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(Web.DashboardAccess.OtlpApiKeyHeader, TestDashboard.OtlpApiKey);
        return await client.SendAsync(request);
    }

    private static async Task<string[]> MessagesAsync(HttpClient client, string path)
    {
        var result = await client.GetFromJsonAsync<JsonElement>(path);
        return result.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToArray();
    }
}
