using DistillPlatform.Hosting.Resources;

namespace DistillPlatform.Hosting;

/// <summary>The resource kinds the platform uses, in Aspire's AddXxx style.</summary>
public static class ResourceExtensions
{
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
}
