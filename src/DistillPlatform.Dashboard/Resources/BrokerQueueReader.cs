using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DistillPlatform.Dashboard.Resources;

/// <summary>Reads queue depths from the RabbitMQ management API (<c>GET /api/queues</c>).</summary>
public sealed class BrokerQueueReader(BrokerManagementApi broker) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false })
    {
        BaseAddress = broker.BaseAddress,
        Timeout = TimeSpan.FromSeconds(5),
        DefaultRequestHeaders =
        {
            Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.UserName}:{broker.Password}"))),
        },
    };

    /// <summary>Every queue of the broker, sorted by name.</summary>
    /// <exception cref="HttpRequestException">The management API is unreachable or refused the request.</exception>
    public async Task<IReadOnlyList<QueueDepth>> ReadAsync(CancellationToken cancellationToken)
    {
        // "columns" keeps the answer small: the full queue objects carry dozens of fields each.
        using var response = await _client.GetAsync(
            "api/queues?columns=name,messages,messages_ready,messages_unacknowledged,consumers,message_stats",
            cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken),
            cancellationToken: cancellationToken);
        return document.RootElement.EnumerateArray()
            .Select(queue => new QueueDepth(
                queue.GetProperty("name").GetString() ?? "",
                Long(queue, "messages"),
                Long(queue, "messages_ready"),
                Long(queue, "messages_unacknowledged"),
                Long(queue, "consumers"),
                Rate(queue, "publish_details"),
                Rate(queue, "deliver_get_details")))
            .OrderBy(q => q.Name, StringComparer.Ordinal)
            .ToArray();
    }

    public void Dispose() => _client.Dispose();

    // A queue that never held a message has no counters yet (and no message_stats at all).
    private static long Long(JsonElement queue, string property) =>
        queue.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static double? Rate(JsonElement queue, string details) =>
        queue.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty(details, out var detail)
        && detail.TryGetProperty("rate", out var rate) && rate.ValueKind == JsonValueKind.Number
            ? rate.GetDouble()
            : null;
}

/// <summary>One queue's depth: messages waiting (ready), being processed (unacknowledged), consumers and rates per second.</summary>
public sealed record QueueDepth(string Name, long Messages, long Ready, long Unacknowledged, long Consumers,
    double? PublishRate, double? DeliverRate);
