using DistillPlatform.Artifacts;
using MassTransit;
using Microsoft.Extensions.Hosting;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// What the platform's job services (feature extraction, checkpoint pool, distillation, sampling, evaluation) have in
/// common beyond <see cref="ServiceDefaultsExtensions.AddServiceDefaults{TBuilder}"/>: a command queue worked one job
/// at a time, and an object store they cannot run without.
/// </summary>
public static class JobServiceExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TConsumer"/> on the command queue <paramref name="queueName"/>, one message at a
    /// time per process. Each job keeps every core busy, so parallel jobs would only compete for the cores and
    /// multiply memory; and the torch random generator the jobs seed is process-wide, so concurrent jobs would also
    /// lose their reproducibility. More throughput comes from more instances on the same queue.
    /// </summary>
    /// <param name="configureEndpoint">Further endpoint settings of the service (e.g. its prefetch count).</param>
    public static IConsumerRegistrationConfigurator<TConsumer> AddJobConsumer<TConsumer>(
        this IBusRegistrationConfigurator bus, string queueName, Action<IEndpointRegistrationConfigurator>? configureEndpoint = null)
        where TConsumer : class, IConsumer
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queueName);
        var registration = bus.AddConsumer<TConsumer>();
        registration.Endpoint(endpoint =>
        {
            endpoint.Name = queueName;
            endpoint.ConcurrentMessageLimit = 1;
            configureEndpoint?.Invoke(endpoint);
        });
        return registration;
    }

    /// <summary>
    /// Registers the artifact store, failing start-up with a message naming the missing connection string when no
    /// object store is configured (the defaults register it only when one is, so that diagnostics-only hosts start).
    /// </summary>
    public static TBuilder RequireArtifactStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddArtifactStore(builder.Configuration);
        return builder;
    }
}
