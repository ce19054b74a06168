using Amazon.S3;
using DistillPlatform.Artifacts;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Resources;
using DistillPlatform.Hosting.Testing;

namespace DistillPlatform.Artifacts.Tests;

/// <summary>
/// Runs the platform's real object store resource (s3rver, the npm fake S3 installed under <c>.tools/</c>) through the
/// AppHost's testing entry point, on a free local port with its own temporary state folder, for all tests of the
/// collection; stopped and its state folder removed on dispose.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    private const string ResourceName = "objectstore";

    private DistributedApplication? _app;
    private ObjectStoreResource? _resource;
    private string? _stateDirectory;

    /// <summary>s3rver's data directory: objects are stored as <c>bucket/key._S3rver_object</c>.</summary>
    public string DataDirectory => Path.Combine(_stateDirectory!, ResourceName, "data");

    public ObjectStoreSettings Settings { get; private set; } = null!;

    public IAmazonS3 Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _app = await DistributedApplicationTestingBuilder.CreateAsync(
            builder => _resource = builder.AddObjectStore(ResourceName).Resource,
            options => _stateDirectory = options.StateDirectory);
        // Several tests corrupt objects through s3rver's on-disk layout, which a minio backend does not share.
        if (_resource!.Backend != "s3rver")
        {
            throw new InvalidOperationException(
                $"These tests need the s3rver backend but the object store resolved to {_resource.Backend}; unset {ObjectStoreResource.MinioVariable} and take minio off PATH.");
        }

        await _app.StartAsync();
        await _app.WaitForHealthyAsync(ResourceName);
        Settings = ObjectStoreSettings.Parse(_app.GetConnectionString(ResourceName));
        Client = ObjectStoreClientFactory.Create(Settings);
    }

    /// <summary>Path of the file in which s3rver keeps the bytes of <paramref name="key"/>.</summary>
    public string StoredObjectPath(string bucket, string key) =>
        Path.Combine(DataDirectory, bucket, key.Replace('/', Path.DirectorySeparatorChar) + "._S3rver_object");

    /// <summary>A store on its own bucket, so tests do not see each other's artifacts.</summary>
    public ArtifactStore CreateStore(string bucket, int partSizeBytes = 16 * 1024 * 1024, int listPageSize = 1000) =>
        new(Client, new ArtifactStoreOptions { Bucket = bucket, PartSizeBytes = partSizeBytes, ListPageSize = listPageSize });

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}
