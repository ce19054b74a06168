using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace DistillPlatform.Artifacts.Tests;

[Collection(S3rverCollection.Name)]
public sealed class ObjectStoreClientFactoryTests(S3rverFixture s3rver)
{
    [Fact]
    public void Configuration_carries_every_setting_s3rver_needs()
    {
        var config = ObjectStoreClientFactory.CreateConfig(
            ObjectStoreSettings.Parse("Endpoint=http://127.0.0.1:9000;AccessKey=a;SecretKey=b;Region=eu-west-1"));

        Assert.True(config.ForcePathStyle);
        Assert.Equal(RequestChecksumCalculation.WHEN_REQUIRED, config.RequestChecksumCalculation);
        Assert.Equal(ResponseChecksumValidation.WHEN_REQUIRED, config.ResponseChecksumValidation);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
        Assert.StartsWith("http://127.0.0.1:9000", config.ServiceURL);
    }

    [Fact]
    public async Task Plain_requests_through_the_factory_client_store_exact_bytes()
    {
        var bucket = RoundTripTests.UniqueBucket();
        var content = SeededContent.Bytes(seed: 30, length: 300_000);
        await s3rver.Client.PutBucketAsync(bucket);

        // A request built without knowing about s3rver: UseChunkEncoding keeps the SDK default (on).
        await s3rver.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "dir/plain.bin", InputStream = new MemoryStream(content),
        });
        await s3rver.Client.CopyObjectAsync(bucket, "dir/plain.bin", bucket, "other dir/copy.bin");

        Assert.Equal(content, await File.ReadAllBytesAsync(s3rver.StoredObjectPath(bucket, "dir/plain.bin")));
        Assert.Equal(content, await File.ReadAllBytesAsync(s3rver.StoredObjectPath(bucket, "other dir/copy.bin")));
    }

    [Fact]
    public async Task Without_the_factory_an_upload_to_s3rver_is_stored_corrupted()
    {
        // The reason the factory exists: the stock client sends aws-chunked bodies that s3rver stores verbatim.
        var bucket = RoundTripTests.UniqueBucket();
        var content = SeededContent.Bytes(seed: 31, length: 100_000);
        using var stockClient = new AmazonS3Client(
            new BasicAWSCredentials(s3rver.Settings.AccessKey, s3rver.Settings.SecretKey),
            ObjectStoreClientFactory.CreateConfig(s3rver.Settings));
        await stockClient.PutBucketAsync(bucket);

        await stockClient.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket, Key = "chunked.bin", InputStream = new MemoryStream(content),
        });

        Assert.NotEqual(content, await File.ReadAllBytesAsync(s3rver.StoredObjectPath(bucket, "chunked.bin")));
    }

    [Theory]
    [InlineData("bucket%2Fdir%2Ffile.bin", "bucket/dir/file.bin")]
    [InlineData("bucket%2Fa%20b%2Fc%2Bd", "bucket/a%20b/c%2Bd")]
    [InlineData("bucket%2Fkey?versionId=abc", "bucket/key?versionId=abc")]
    public void Copy_source_keeps_slashes_literal_and_escapes_each_segment(string sdkHeader, string sentHeader) =>
        Assert.Equal(sentHeader, S3CompatibleClient.EncodePerSegment(sdkHeader));
}
