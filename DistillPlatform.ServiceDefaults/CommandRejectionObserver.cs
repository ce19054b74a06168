using System.Text.Json;
using DistillPlatform.Contracts.Commands;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// Publishes <see cref="CommandRejected"/> whenever a received message fails before any consumer ran (MassTransit calls
/// <see cref="ReceiveFault"/> only then; a consumer's own failure is reported by its Fault&lt;T&gt; instead): a body
/// that is not JSON, a content type no deserializer reads, a required field missing. Such a message has no request id
/// a requester could wait on, so without this event a person who published it by hand would hear nothing.
/// </summary>
public sealed class CommandRejectionObserver(ServiceIdentity identity, ILogger<CommandRejectionObserver> logger) : IReceiveObserver
{
    public async Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        var rejected = new CommandRejected(
            CommandMessages.QueueOf(context.InputAddress),
            identity.Name,
            ReasonOf(exception),
            context.ContentType?.MediaType,
            CommandMessages.Excerpt(context, CommandRejected.MaxExcerptLength));
        logger.LogWarning("Rejected a message on {Queue} before any consumer ran: {Reason}", rejected.Queue, rejected.Reason);
        try
        {
            ISendEndpoint events = await context.PublishEndpointProvider.GetPublishSendEndpoint<CommandRejected>();
            await events.Send(rejected, context.CancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The message still moves to _error with the reason; losing the notification must not hide that.
            logger.LogError(e, "Could not publish CommandRejected for a message on {Queue}", rejected.Queue);
        }
    }

    /// <summary>The exception's own message when the platform wrote it for people; otherwise the parser's, with context.</summary>
    public static string ReasonOf(Exception exception) => exception switch
    {
        InvalidRequestException => exception.Message,
        JsonException json => $"The message body does not fit the command's fields: {json.Message}",
        _ when exception.InnerException is JsonException json => $"The message body does not fit the command's fields: {json.Message}",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType) where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception) where T : class =>
        Task.CompletedTask;
}
