using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DistillPlatform.Contracts.Artifacts;
using Xunit.Abstractions;

namespace DistillPlatform.Artifacts.Tests;

[Collection(S3rverCollection.Name)]
public sealed class RoundTripTests(S3rverFixture s3rver, ITestOutputHelper output)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Small_artifact_is_stored_and_read_back_byte_exact()
    {
        var store = s3rver.CreateStore(UniqueBucket());
        var content = SeededContent.Bytes(seed: 1, length: MiB + 17);
        using var activities = new ActivityRecorder();

        var artifact = await store.PutAsync("features/run-1/train.bin", new MemoryStream(content), ArtifactMediaTypes.OctetStream);

        Assert.Equal($"s3://{store.Bucket}/features/run-1/train.bin", artifact.Uri);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), artifact.Sha256);
        Assert.Equal(content.Length, artifact.SizeBytes);
        Assert.Equal(ArtifactMediaTypes.OctetStream, artifact.MediaType);
        // The bytes s3rver keeps on disk are exactly the ones sent: no aws-chunked framing slipped in.
        Assert.Equal(content, await File.ReadAllBytesAsync(s3rver.StoredObjectPath(store.Bucket, "features/run-1/train.bin")));
        Assert.Equal(1, activities.Single("artifacts.put", artifact.Uri).GetTagItem(ArtifactsTelemetry.Tags.UploadParts));

        using var downloaded = new MemoryStream();
        await store.DownloadAsync(artifact, downloaded);
        Assert.Equal(content, downloaded.ToArray());
    }

    [Fact]
    public async Task Recorded_hash_matches_the_published_SHA256_test_vector()
    {
        var store = s3rver.CreateStore(UniqueBucket());

        var artifact = await store.PutAsync("vector/abc", new MemoryStream("abc"u8.ToArray()), "text/plain");

        // FIPS 180-2, appendix B.1: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", artifact.Sha256);
        await using var read = await store.OpenReadAsync(artifact);
        Assert.Equal("abc", await new StreamReader(read, Encoding.ASCII).ReadToEndAsync());
    }

    [Fact]
    public async Task Empty_content_is_a_valid_artifact()
    {
        var store = s3rver.CreateStore(UniqueBucket());

        var artifact = await store.PutAsync("empty/marker", Stream.Null, ArtifactMediaTypes.OctetStream);

        // SHA-256 of the empty message (FIPS 180-2 examples).
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", artifact.Sha256);
        Assert.Equal(0, artifact.SizeBytes);
        using var readBack = new MemoryStream();
        await store.DownloadAsync(artifact, readBack);
        Assert.Equal(0, readBack.Length);
    }

    [Fact]
    public async Task Content_larger_than_a_part_goes_up_as_a_multipart_upload()
    {
        var store = s3rver.CreateStore(UniqueBucket(), partSizeBytes: 5 * MiB);
        using var activities = new ActivityRecorder();
        var oddLength = 12 * MiB + 3;
        var exactMultiple = 10 * MiB;

        var odd = await store.PutAsync("multipart/odd", SeededContent.Open(seed: 2, oddLength), ArtifactMediaTypes.OctetStream);
        var exact = await store.PutAsync("multipart/exact", SeededContent.Open(seed: 3, exactMultiple), ArtifactMediaTypes.OctetStream);

        Assert.Equal(3, activities.Single("artifacts.put", odd.Uri).GetTagItem(ArtifactsTelemetry.Tags.UploadParts));
        Assert.Equal(2, activities.Single("artifacts.put", exact.Uri).GetTagItem(ArtifactsTelemetry.Tags.UploadParts));
        await AssertReadsBackAsync(store, odd, seed: 2, oddLength);
        await AssertReadsBackAsync(store, exact, seed: 3, exactMultiple);
    }

    [Fact]
    public async Task Two_hundred_megabytes_round_trip_byte_exact_through_16_MiB_parts()
    {
        var store = s3rver.CreateStore(UniqueBucket());
        const long length = 200L * MiB + 12_345;
        const ulong seed = 200;
        using var activities = new ActivityRecorder();

        var put = Stopwatch.StartNew();
        var artifact = await store.PutAsync("large/200mb.bin", SeededContent.Open(seed, length), ArtifactMediaTypes.OctetStream);
        put.Stop();
        var get = Stopwatch.StartNew();
        var check = await AssertReadsBackAsync(store, artifact, seed, length);
        get.Stop();

        output.WriteLine($"200 MiB put {put.Elapsed.TotalSeconds:F2} s ({length / put.Elapsed.TotalSeconds / MiB:F0} MiB/s), " +
                         $"get+verify {get.Elapsed.TotalSeconds:F2} s ({length / get.Elapsed.TotalSeconds / MiB:F0} MiB/s)");
        // The download equals the generated content byte for byte, so the test's own hash of it is the reference.
        Assert.Equal(check.Sha256, artifact.Sha256);
        Assert.Equal(13, activities.Single("artifacts.put", artifact.Uri).GetTagItem(ArtifactsTelemetry.Tags.UploadParts));
        Assert.Equal(length, activities.Single("artifacts.get", artifact.Uri).GetTagItem(ArtifactsTelemetry.Tags.Bytes));
    }

    private static async Task<ContentCheckingStream> AssertReadsBackAsync(
        ArtifactStore store, ArtifactRef artifact, ulong seed, long length)
    {
        var check = new ContentCheckingStream(seed);
        await store.DownloadAsync(artifact, check);
        Assert.Equal(length, check.BytesWritten);
        Assert.Null(check.FirstMismatch);
        return check;
    }

    internal static string UniqueBucket() => "test-" + Guid.NewGuid().ToString("N");
}
