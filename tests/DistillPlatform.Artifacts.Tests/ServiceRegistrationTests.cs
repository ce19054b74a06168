using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DistillPlatform.Artifacts.Tests;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void Registers_the_store_from_the_objectstore_connection_string()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:objectstore"] = "Endpoint=http://127.0.0.1:4568;AccessKey=S3RVER;SecretKey=S3RVER",
            })
            .Build();
        using var provider = new ServiceCollection()
            .AddArtifactStore(configuration, options => options.Bucket = "features")
            .BuildServiceProvider();

        var store = provider.GetRequiredService<IArtifactStore>();

        Assert.Equal("features", store.Bucket);
        Assert.StartsWith("http://127.0.0.1:4568", provider.GetRequiredService<IAmazonS3>().Config.ServiceURL);
        Assert.Same(store, provider.GetRequiredService<IArtifactStore>());
    }

    [Fact]
    public void Missing_connection_string_names_the_setting_to_add()
    {
        var configuration = new ConfigurationBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddArtifactStore(configuration));

        Assert.Contains("ConnectionStrings__objectstore", error.Message);
    }

    [Theory]
    [InlineData("Bad_Bucket", 16 * 1024 * 1024, "Bucket name")]
    [InlineData("artifacts", 1024, "at least 5242880 bytes")]
    public void Invalid_options_are_rejected_at_registration(string bucket, int partSize, string expectedHint)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddArtifactStore(
            "Endpoint=http://127.0.0.1:1;AccessKey=a;SecretKey=b",
            options => (options.Bucket, options.PartSizeBytes) = (bucket, partSize)));

        Assert.Contains(expectedHint, error.Message);
    }
}
