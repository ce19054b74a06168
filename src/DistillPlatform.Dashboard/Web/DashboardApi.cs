using DistillPlatform.Dashboard.Resources;
using DistillPlatform.Dashboard.Telemetry;
using DistillPlatform.Dashboard.Traces;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DistillPlatform.Dashboard.Web;

/// <summary>The JSON API the pages poll (all under /api, all behind <see cref="DashboardAccess"/>).</summary>
public static class DashboardApi
{
    private const int DefaultLimit = 500;

    public static void MapDashboardApi(this IEndpointRouteBuilder endpoints, TelemetryStore store, IResourceCatalog resources,
        BrokerQueueReader? queues)
    {
        endpoints.MapGet("/api/resources", () => resources.GetResources());
        endpoints.MapPost("/api/resources/{name}/{command}", (string name, string command, CancellationToken ct) =>
            ExecuteAsync(resources, name, command, ct));
        endpoints.MapGet("/api/console/{name}", (string name, long? offset) =>
            resources.ConsoleLogPath(name) is { } path
                ? Results.Ok(ConsoleLogReader.Read(path, offset))
                : Results.NotFound($"No resource named '{name}'."));

        endpoints.MapGet("/api/logs", (string? level, string? service, string? traceId, string? text, int? limit) =>
            QueryLogs(store.Logs(), level, service, traceId, text, limit ?? DefaultLimit));
        endpoints.MapGet("/api/traces", (string? service, string? text, int? limit) =>
            QueryTraces(store.Spans(), service, text, limit ?? DefaultLimit));
        endpoints.MapGet("/api/traces/{traceId}", (string traceId) =>
        {
            var spans = store.Spans().Where(s => s.TraceId == traceId).ToArray();
            return spans.Length == 0
                ? Results.NotFound($"No spans of trace {traceId} are stored (it may have been evicted).")
                : Results.Ok(TraceWaterfall.Build(spans));
        });
        endpoints.MapGet("/api/metrics", () => store.Metrics()
            .OrderBy(m => m.Latest.Service, StringComparer.Ordinal).ThenBy(m => m.Latest.Name, StringComparer.Ordinal));
        endpoints.MapGet("/api/queues", (CancellationToken ct) => ReadQueuesAsync(queues, ct));
    }

    private static async Task<IResult> ExecuteAsync(IResourceCatalog resources, string name, string command, CancellationToken ct)
    {
        if (!Enum.TryParse<ResourceCommand>(command, ignoreCase: true, out var parsed) || int.TryParse(command, out _))
        {
            return Results.BadRequest($"Unknown command '{command}'; use one of: {string.Join(", ", Enum.GetNames<ResourceCommand>())}.");
        }

        try
        {
            await resources.ExecuteAsync(name, parsed, ct);
            return Results.Accepted();
        }
        catch (KeyNotFoundException error)
        {
            return Results.NotFound(error.Message);
        }
        catch (InvalidOperationException error)
        {
            return Results.Conflict(error.Message);
        }
    }

    /// <summary>Newest first; <paramref name="level"/> is a minimum level, the other filters must all match.</summary>
    internal static LogQueryResult QueryLogs(LogEntry[] logs, string? level, string? service, string? traceId, string? text, int limit)
    {
        var minimum = Enum.TryParse<LogLevelName>(level, ignoreCase: true, out var parsed) ? parsed : LogLevelName.Trace;
        var matches = logs
            .Where(l => l.Level >= minimum)
            .Where(l => string.IsNullOrEmpty(service) || l.Service == service)
            .Where(l => string.IsNullOrEmpty(traceId) || (l.TraceId?.StartsWith(traceId, StringComparison.OrdinalIgnoreCase) ?? false))
            .Where(l => string.IsNullOrEmpty(text) || Contains(l, text))
            .Reverse()
            .Take(Math.Clamp(limit, 1, 5000))
            .ToArray();
        return new LogQueryResult(matches, logs.Select(l => l.Service).Distinct().Order(StringComparer.Ordinal).ToArray());

        static bool Contains(LogEntry entry, string text) =>
            entry.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
            || entry.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
            || entry.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase));
    }

    private static TraceQueryResult QueryTraces(SpanData[] spans, string? service, string? text, int limit)
    {
        var traces = TraceSummary.FromSpans(spans)
            .Where(t => string.IsNullOrEmpty(service) || t.Services.Contains(service))
            .Where(t => string.IsNullOrEmpty(text) || t.RootName.Contains(text, StringComparison.OrdinalIgnoreCase)
                                                   || t.TraceId.StartsWith(text, StringComparison.OrdinalIgnoreCase))
            .Take(Math.Clamp(limit, 1, 5000))
            .ToArray();
        return new TraceQueryResult(traces, spans.Select(s => s.Service).Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    private static async Task<QueueQueryResult> ReadQueuesAsync(BrokerQueueReader? queues, CancellationToken ct)
    {
        if (queues is null) return new QueueQueryResult([], "This platform has no RabbitMQ broker.");
        try
        {
            return new QueueQueryResult(await queues.ReadAsync(ct), null);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new QueueQueryResult([], $"The broker's management API did not answer: {error.Message}");
        }
    }
}

public sealed record LogQueryResult(IReadOnlyList<LogEntry> Entries, IReadOnlyList<string> Services);

public sealed record TraceQueryResult(IReadOnlyList<TraceSummary> Traces, IReadOnlyList<string> Services);

/// <param name="Error">Why no queues could be read, or null.</param>
public sealed record QueueQueryResult(IReadOnlyList<QueueDepth> Queues, string? Error);
