using DistillPlatform.Hosting.Resources;

namespace DistillPlatform.Hosting;

/// <summary>The resource kinds the platform uses, in Aspire's AddXxx style.</summary>
public static class ResourceExtensions
{
    /// <summary>Whole seconds, because that is what a .NET host can be told (<c>DOTNET_SHUTDOWNTIMEOUTSECONDS</c>).</summary>
    private static readonly TimeSpan MinimumShutdownTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Longer would leave a stuck process holding the AppHost's own shutdown for too long.</summary>
    private static readonly TimeSpan MaximumShutdownTimeout = TimeSpan.FromHours(1);

    /// <summary>A private RabbitMQ broker; <paramref name="port"/> pins its AMQP port (default: any free port).</summary>
    public static ResourceBuilder<RabbitMqResource> AddRabbitMQ(this DistributedApplicationBuilder builder, string name, int? port = null) =>
        builder.AddResource(new RabbitMqResource(name, port));

    /// <summary>An S3-compatible object store (MinIO when available, else s3rver).</summary>
    public static ResourceBuilder<ObjectStoreResource> AddObjectStore(this DistributedApplicationBuilder builder, string name, int? port = null) =>
        builder.AddResource(new ObjectStoreResource(name, port));

    /// <summary>A .NET service project; <paramref name="projectDirectory"/> is relative to the repository root.</summary>
    public static ResourceBuilder<ProjectResource> AddProject(this DistributedApplicationBuilder builder, string name, string projectDirectory) =>
        builder.AddResource(new ProjectResource(name, projectDirectory));

    /// <summary>
    /// Sets <paramref name="variable"/> in the project's environment (Aspire's WithEnvironment), unless the AppHost's own
    /// environment already sets it: a value the user exported wins, as it does for the OTLP settings.
    /// </summary>
    public static ResourceBuilder<ProjectResource> WithEnvironment(this ResourceBuilder<ProjectResource> builder, string variable, string value)
    {
        builder.Resource.SetEnvironment(variable, value);
        return builder;
    }

    /// <summary>
    /// How long the resource's process may take to stop after SIGTERM (application shutdown, or a user's stop or
    /// restart) before its process group is killed (Aspire's WithShutdownTimeout shape). A project also receives it as
    /// <c>DOTNET_SHUTDOWNTIMEOUTSECONDS</c>, so its .NET host waits for its services just as long. Give a long one to a
    /// service that saves work when it stops (e.g. a training checkpoint) on a machine where that may be slow.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not between 1 second and 1 hour.</exception>
    public static ResourceBuilder<T> WithShutdownTimeout<T>(this ResourceBuilder<T> builder, TimeSpan timeout)
        where T : Resource
    {
        if (timeout < MinimumShutdownTimeout || timeout > MaximumShutdownTimeout)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout,
                $"The shutdown timeout of '{builder.Resource.Name}' must be between {MinimumShutdownTimeout.TotalSeconds:0} s and "
                + $"{MaximumShutdownTimeout.TotalMinutes:0} min; it is the time the process gets between SIGTERM and SIGKILL.");
        }

        builder.Resource.SetShutdownTimeout(timeout);
        return builder;
    }
}
