using DistillPlatform.Hosting.Resources;

namespace DistillPlatform.Hosting;

/// <summary>Fluent handle on a declared resource, used to wire it to the others (Aspire's IResourceBuilder shape).</summary>
public sealed class ResourceBuilder<T>(DistributedApplicationBuilder applicationBuilder, T resource)
    where T : Resource
{
    public DistributedApplicationBuilder ApplicationBuilder { get; } = applicationBuilder;

    public T Resource { get; } = resource;

    /// <summary>Passes <paramref name="dependency"/>'s connection string or HTTP address to this resource.</summary>
    public ResourceBuilder<T> WithReference<TDependency>(ResourceBuilder<TDependency> dependency)
        where TDependency : Resource
    {
        if (dependency.Resource is not (IResourceWithConnectionString or IResourceWithServiceDiscovery))
        {
            throw new ArgumentException(
                $"'{dependency.Resource.Name}' offers neither a connection string nor an HTTP endpoint, so '{Resource.Name}' cannot reference it.",
                nameof(dependency));
        }

        Resource.AddReference(dependency.Resource);
        return this;
    }

    /// <summary>Starts this resource only after <paramref name="dependency"/> is healthy.</summary>
    public ResourceBuilder<T> WaitFor<TDependency>(ResourceBuilder<TDependency> dependency)
        where TDependency : Resource
    {
        if (ReferenceEquals(dependency.Resource, Resource))
        {
            throw new ArgumentException($"'{Resource.Name}' cannot wait for itself.", nameof(dependency));
        }

        Resource.AddWaitFor(dependency.Resource);
        return this;
    }
}
