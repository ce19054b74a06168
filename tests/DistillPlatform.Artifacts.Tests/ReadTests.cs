using System.Text.Json;
using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Artifacts.Tests;

[Collection(S3rverCollection.Name)]
public sealed class ReadTests(S3rverFixture s3rver)
{
    [Fact]
    public async Task Reading_an_object_corrupted_on_disk_throws_an_integrity_error()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var artifact = await store.PutAsync("pool/ckpt-3.bin", new MemoryStream(SeededContent.Bytes(20, 64 * 1024)), ArtifactMediaTypes.OctetStream);
        await FlipOneBitAsync(s3rver.StoredObjectPath(store.Bucket, "pool/ckpt-3.bin"));

        var error = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => store.DownloadAsync(artifact, Stream.Null));

        Assert.Equal(artifact.Uri, error.Uri);
        Assert.Contains(artifact.Uri, error.Message);
    }

    [Fact]
    public async Task Corruption_the_server_checksum_does_not_reveal_is_caught_by_the_SHA256_check()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var artifact = await store.PutAsync("pool/ckpt-5.bin", new MemoryStream(SeededContent.Bytes(22, 64 * 1024)), ArtifactMediaTypes.OctetStream);
        var path = s3rver.StoredObjectPath(store.Bucket, "pool/ckpt-5.bin");
        await FlipOneBitAsync(path);
        // s3rver caches the object's MD5 (its ETag) next to it; without the cache it hashes the corrupted bytes, so
        // the S3 client's own MD5 comparison passes and only the artifact's SHA-256 can tell.
        File.Delete(path + ".md5");

        var error = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => store.DownloadAsync(artifact, Stream.Null));

        Assert.Contains($"but {artifact.Sha256} was expected", error.Message);
    }

    private static async Task FlipOneBitAsync(string path)
    {
        // One bit in the middle: same length, different content.
        await using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Position = file.Length / 2;
        var original = file.ReadByte();
        file.Position = file.Length / 2;
        file.WriteByte((byte)(original ^ 0x10));
    }

    [Fact]
    public async Task Reading_a_truncated_object_throws_an_integrity_error_before_any_data()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var artifact = await store.PutAsync("pool/ckpt-4.bin", new MemoryStream(SeededContent.Bytes(21, 10_000)), ArtifactMediaTypes.OctetStream);
        await using (var file = new FileStream(s3rver.StoredObjectPath(store.Bucket, "pool/ckpt-4.bin"), FileMode.Open))
        {
            file.SetLength(9_000);
        }

        var error = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => store.OpenReadAsync(artifact));

        Assert.Contains("9000 bytes but the reference expects 10000", error.Message);
    }

    [Fact]
    public async Task A_reference_whose_hash_differs_from_the_stored_one_is_refused()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var artifact = await store.PutAsync("a.bin", new MemoryStream([1, 2, 3]), ArtifactMediaTypes.OctetStream);
        var stale = artifact with { Sha256 = new string('0', 64) };

        var error = await Assert.ThrowsAsync<ArtifactIntegrityException>(() => store.OpenReadAsync(stale));

        Assert.Contains(artifact.Sha256, error.Message);
    }

    [Fact]
    public async Task Reading_a_missing_artifact_throws_not_found_naming_the_key()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        await store.PutAsync("present.bin", new MemoryStream([1]), ArtifactMediaTypes.OctetStream);
        var missing = new ArtifactRef($"s3://{store.Bucket}/runs/7/missing.bin", new string('a', 64), 1, ArtifactMediaTypes.OctetStream);
        var missingBucket = missing with { Uri = "s3://no-such-bucket-here/runs/7/missing.bin" };

        var byRef = await Assert.ThrowsAsync<ArtifactNotFoundException>(() => store.OpenReadAsync(missing));
        var byKey = await Assert.ThrowsAsync<ArtifactNotFoundException>(() => store.GetReferenceAsync("runs/7/missing.bin"));
        var inMissingBucket = await Assert.ThrowsAsync<ArtifactNotFoundException>(() => store.DownloadAsync(missingBucket, Stream.Null));

        Assert.Contains("runs/7/missing.bin", byRef.Message);
        Assert.Equal(missing.Uri, byKey.Uri);
        Assert.Contains("no-such-bucket-here/runs/7/missing.bin", inMissingBucket.Message);
        Assert.False(await store.ExistsAsync("runs/7/missing.bin"));
    }

    [Fact]
    public async Task Listing_by_prefix_returns_every_matching_artifact_across_pages()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket(), listPageSize: 2);
        var expected = new List<(string Key, long Size)>();
        for (var i = 0; i < 5; i++)
        {
            var key = $"runs/a/part-{i}.bin";
            await store.PutAsync(key, new MemoryStream(new byte[i + 1]), ArtifactMediaTypes.OctetStream);
            expected.Add((key, i + 1));
        }

        await store.PutAsync("runs/b/part-0.bin", new MemoryStream([9]), ArtifactMediaTypes.OctetStream);
        await store.PutAsync("runs/ab.bin", new MemoryStream([9]), ArtifactMediaTypes.OctetStream);

        var listed = await store.ListAsync("runs/a/").ToListAsync();

        Assert.Equal(expected, listed.Select(entry => (entry.Key, entry.SizeBytes)));
        Assert.Equal(7, await store.ListAsync("runs/").CountAsync());
        Assert.Empty(await s3rver.CreateStore(RoundTripTests.UniqueBucket()).ListAsync("").ToListAsync());
    }

    [Fact]
    public async Task A_manifest_round_trips_as_camel_case_json()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var generator = await store.PutAsync("gan/run-1/generator.safetensors", new MemoryStream([1, 2]), ArtifactMediaTypes.SafeTensors);
        var manifest = new ArtifactManifest(
            Kind: "generator",
            Id: "run-1",
            CreatedAt: new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero),
            Files: [new ArtifactFile("generator", generator)],
            Properties: new Dictionary<string, string> { ["latentDim"] = "100", ["dataset"] = "emodb" });

        var stored = await store.PutJsonAsync("gan/run-1/manifest.json", manifest);
        var readBack = await store.GetJsonAsync<ArtifactManifest>(stored);

        Assert.Equal(ArtifactMediaTypes.Json, stored.MediaType);
        Assert.Equal((manifest.Kind, manifest.Id, manifest.CreatedAt), (readBack.Kind, readBack.Id, readBack.CreatedAt));
        Assert.Equal(manifest.Files, readBack.Files);
        Assert.Equal(manifest.Properties, readBack.Properties);
        using var raw = JsonDocument.Parse(await File.ReadAllBytesAsync(s3rver.StoredObjectPath(store.Bucket, "gan/run-1/manifest.json")));
        Assert.Equal("generator", raw.RootElement.GetProperty("kind").GetString());
        Assert.Equal("2026-11-21T23:00:00+00:00", raw.RootElement.GetProperty("createdAt").GetString());
        Assert.Equal(2, raw.RootElement.GetProperty("files")[0].GetProperty("content").GetProperty("sizeBytes").GetInt64());
    }

    [Fact]
    public async Task Reading_json_of_another_shape_reports_what_is_wrong()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var notJson = await store.PutAsync("notes.txt", new MemoryStream("plain text"u8.ToArray()), "text/plain");

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.GetJsonAsync<ArtifactManifest>(notJson));

        Assert.Contains(notJson.Uri, error.Message);
    }
}
