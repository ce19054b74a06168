using System.Text;
using System.Threading.Channels;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace DistillPlatform.ServiceDefaults.Tests;

/// <summary>One message that MassTransit moved to an <c>_error</c> queue: its body and its MT-Fault-* headers as text.</summary>
public sealed record ErrorQueueEntry(string Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Consumes a queue's <c>_error</c> queue with the plain RabbitMQ client, so a test can wait for the next dead message
/// without polling. The queue is declared exactly as MassTransit declares it (durable, not exclusive, not auto-deleted).
/// </summary>
public sealed class ErrorQueueWatcher : IAsyncDisposable
{
    private readonly IChannel _channel;
    private readonly Channel<ErrorQueueEntry> _entries = Channel.CreateUnbounded<ErrorQueueEntry>();

    private ErrorQueueWatcher(IChannel channel) => _channel = channel;

    public static async Task<ErrorQueueWatcher> StartAsync(IConnection connection, string queue)
    {
        IChannel channel = await connection.CreateChannelAsync();
        var watcher = new ErrorQueueWatcher(channel);
        string errorQueue = queue + "_error";
        await channel.QueueDeclareAsync(errorQueue, durable: true, exclusive: false, autoDelete: false);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var headers = (delivery.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString() ?? "");
            watcher._entries.Writer.TryWrite(new ErrorQueueEntry(Encoding.UTF8.GetString(delivery.Body.Span), headers));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(errorQueue, autoAck: true, consumer);
        return watcher;
    }

    /// <summary>The next message in the error queue whose body contains <paramref name="bodyMarker"/>; others are skipped.</summary>
    public async Task<ErrorQueueEntry> NextAsync(string bodyMarker, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            ErrorQueueEntry entry = await _entries.Reader.ReadAsync(cancellation.Token);
            if (entry.Body.Contains(bodyMarker, StringComparison.Ordinal)) return entry;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.CloseAsync();
        _channel.Dispose();
    }
}
