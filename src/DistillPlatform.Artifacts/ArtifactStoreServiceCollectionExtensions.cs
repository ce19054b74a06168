using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DistillPlatform.Artifacts;

/// <summary>Registers the artifact store in a service's container.</summary>
public static class ArtifactStoreServiceCollectionExtensions
{
    /// <summary>Name of the connection string the orchestrator passes as <c>ConnectionStrings__objectstore</c>.</summary>
    public const string ConnectionStringName = "objectstore";

    /// <summary>
    /// Registers <see cref="IArtifactStore"/> and the underlying <see cref="IAmazonS3"/> client (both singletons) for
    /// the object store in <c>ConnectionStrings:objectstore</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration has no such connection string.</exception>
    public static IServiceCollection AddArtifactStore(
        this IServiceCollection services, IConfiguration configuration, Action<ArtifactStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"No object store is configured: set 'ConnectionStrings:{ConnectionStringName}' (environment variable " +
                $"'ConnectionStrings__{ConnectionStringName}') to 'Endpoint=http://HOST:PORT;AccessKey=KEY;SecretKey=SECRET;Region=REGION'.");
        }

        return services.AddArtifactStore(connectionString, configure);
    }

    /// <summary>Registers <see cref="IArtifactStore"/> and <see cref="IAmazonS3"/> for the given connection string.</summary>
    /// <exception cref="FormatException">The connection string is malformed (checked now, not at first use).</exception>
    public static IServiceCollection AddArtifactStore(
        this IServiceCollection services, string connectionString, Action<ArtifactStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = ObjectStoreSettings.Parse(connectionString);
        var options = new ArtifactStoreOptions();
        configure?.Invoke(options);
        options.Validate();

        services.TryAddSingleton(settings);
        services.TryAddSingleton(_ => ObjectStoreClientFactory.Create(settings));
        services.TryAddSingleton<IArtifactStore>(provider => new ArtifactStore(
            provider.GetRequiredService<IAmazonS3>(),
            options,
            provider.GetService<ILogger<ArtifactStore>>()));
        return services;
    }
}
