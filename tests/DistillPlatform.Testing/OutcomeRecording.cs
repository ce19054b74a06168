using MassTransit;

namespace DistillPlatform.Testing;

/// <summary>
/// Registers handlers on a test's client endpoint that feed a service's events into <see cref="RequestOutcomes{TProgress}"/>,
/// so a fixture names which events end, fault or report progress on a request instead of writing a handler for each.
/// </summary>
public static class OutcomeRecording
{
    /// <summary>Records <typeparamref name="TEvent"/> (a ...Completed or ...Failed event) as the outcome of its request.</summary>
    public static void RecordOutcome<TEvent, TProgress>(this IReceiveEndpointConfigurator endpoint,
        RequestOutcomes<TProgress> outcomes, Func<TEvent, Guid> requestIdOf) where TEvent : class =>
        endpoint.Handler<TEvent>(context =>
        {
            outcomes.Record(requestIdOf(context.Message), context.Message);
            return Task.CompletedTask;
        });

    /// <summary>Records MassTransit's <see cref="Fault{TCommand}"/> of a command that failed for good.</summary>
    public static void RecordFault<TCommand, TProgress>(this IReceiveEndpointConfigurator endpoint,
        RequestOutcomes<TProgress> outcomes, Func<TCommand, Guid> requestIdOf) where TCommand : class =>
        endpoint.Handler<Fault<TCommand>>(context =>
        {
            outcomes.RecordFault(requestIdOf(context.Message.Message), context.Message);
            return Task.CompletedTask;
        });

    /// <summary>Records every <typeparamref name="TProgress"/> event in the order the endpoint handles them.</summary>
    public static void RecordProgress<TProgress>(this IReceiveEndpointConfigurator endpoint,
        RequestOutcomes<TProgress> outcomes, Func<TProgress, Guid> requestIdOf) where TProgress : class =>
        endpoint.Handler<TProgress>(context =>
        {
            outcomes.RecordProgress(requestIdOf(context.Message), context.Message);
            return Task.CompletedTask;
        });
}
