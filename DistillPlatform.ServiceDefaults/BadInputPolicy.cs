using System.Diagnostics;
using DistillPlatform.Contracts.Commands;
using MassTransit;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// How a consumer refuses a request that cannot succeed as sent. The consumer runs each step that depends on the
/// request (mapping it, downloading what it names, checking the data) through <see cref="RunAsync{T}"/>; when the step
/// fails because the request itself is at fault, the requester is told once with the service's <typeparamref name="TFailed"/>
/// event, and the message then faults with an <see cref="InvalidRequestException"/> carrying the same reason, which
/// skips the retries (<see cref="PermanentFailures"/>) and goes to the queue's <c>_error</c> queue at once.
/// </summary>
/// <typeparam name="TRequest">The command the consumer handles.</typeparam>
/// <typeparam name="TFailed">The event that tells the requester why its command failed (e.g. <c>CheckpointPoolFailed</c>).</typeparam>
/// <param name="isBadInput">
/// Which other exceptions, thrown by such a step, mean the request is at fault (e.g. a library's format or argument
/// errors). An <see cref="InvalidRequestException"/> always does.
/// </param>
/// <param name="failedEvent">The event to publish for the request and the exception that refused it.</param>
/// <param name="asInvalidRequest">
/// Wraps such a library exception (reason, exception) in the service's own <see cref="InvalidRequestException"/> type,
/// so the fault names the service's exception and keeps the original as its inner exception.
/// </param>
public sealed class BadInputPolicy<TRequest, TFailed>(
    Func<Exception, bool> isBadInput,
    Func<TRequest, Exception, TFailed> failedEvent,
    Func<string, Exception, InvalidRequestException> asInvalidRequest)
    where TRequest : class
    where TFailed : class
{
    /// <summary>
    /// Runs <paramref name="step"/> and returns its result. If the request is at fault, publishes the failed event,
    /// marks <paramref name="activity"/> (when given) as failed with the reason, and throws the
    /// <see cref="InvalidRequestException"/>; any other exception passes through untouched (and is retried).
    /// </summary>
    public async Task<T> RunAsync<T>(ConsumeContext<TRequest> context, Func<Task<T>> step, Activity? activity = null)
    {
        try
        {
            return await step();
        }
        catch (Exception e) when (e is InvalidRequestException || isBadInput(e))
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            await context.Publish(failedEvent(context.Message, e), context.CancellationToken);
            throw e as InvalidRequestException ?? asInvalidRequest(e.Message, e);
        }
    }

    /// <summary>As <see cref="RunAsync{T}"/>, for a step that only checks and has no result.</summary>
    public Task RunAsync(ConsumeContext<TRequest> context, Func<Task> step, Activity? activity = null) =>
        RunAsync(context, async () =>
        {
            await step();
            return true;
        }, activity);
}
