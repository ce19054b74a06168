using Amazon.S3.Model;
using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Artifacts.Tests;

[Collection(S3rverCollection.Name)]
public sealed class WriteSemanticsTests(S3rverFixture s3rver)
{
    private const int MiB = 1024 * 1024;
    private static readonly TimeSpan PauseTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Writing_identical_content_again_succeeds_without_change()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var content = SeededContent.Bytes(seed: 10, length: 4096);
        using var activities = new ActivityRecorder();

        var first = await store.PutAsync("model/g.bin", new MemoryStream(content), ArtifactMediaTypes.OctetStream);
        var second = await store.PutAsync("model/g.bin", new MemoryStream(content), ArtifactMediaTypes.OctetStream);

        Assert.Equal(first, second);
        Assert.Equal(["created", "unchanged"], activities.All("artifacts.put", first.Uri)
            .Select(activity => activity.GetTagItem(ArtifactsTelemetry.Tags.WriteOutcome)));
        Assert.Empty(await store.ListIncompleteAsync().ToListAsync());
    }

    [Fact]
    public async Task Writing_different_content_to_a_finished_key_is_refused_and_keeps_the_original()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var original = SeededContent.Bytes(seed: 11, length: 4096);
        var replacement = SeededContent.Bytes(seed: 12, length: 4096);
        var stored = await store.PutAsync("model/g.bin", new MemoryStream(original), ArtifactMediaTypes.OctetStream);

        var conflict = await Assert.ThrowsAsync<ArtifactConflictException>(
            () => store.PutAsync("model/g.bin", new MemoryStream(replacement), ArtifactMediaTypes.OctetStream));

        Assert.Equal(stored.Uri, conflict.Uri);
        Assert.Equal(stored.Sha256, conflict.StoredSha256);
        Assert.Contains(stored.Uri, conflict.Message);
        Assert.Equal(stored, await store.GetReferenceAsync("model/g.bin"));
        using var readBack = new MemoryStream();
        await store.DownloadAsync(stored, readBack);
        Assert.Equal(original, readBack.ToArray());
        Assert.Empty(await store.ListIncompleteAsync().ToListAsync());
    }

    [Fact]
    public async Task An_artifact_is_invisible_until_its_upload_finished()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket(), partSizeBytes: 5 * MiB);
        var source = new PausingStream(SeededContent.Open(seed: 13, 12 * MiB), pauseAt: 6 * MiB);

        var put = store.PutAsync("features/train.bin", source, ArtifactMediaTypes.OctetStream);
        await source.Paused.WaitAsync(PauseTimeout);

        // The first part is already on the server, but neither the final nor a temporary key is a finished artifact.
        Assert.False(await store.ExistsAsync("features/train.bin"));
        Assert.Empty(await store.ListAsync("").ToListAsync());

        source.Resume();
        var artifact = await put.WaitAsync(PauseTimeout);

        Assert.Equal(artifact, await store.GetReferenceAsync("features/train.bin"));
        Assert.Equal(["features/train.bin"], await store.ListAsync("").Select(entry => entry.Key).ToListAsync());
        Assert.Empty(await store.ListIncompleteAsync().ToListAsync());
    }

    [Fact]
    public async Task A_failed_upload_leaves_neither_the_artifact_nor_a_leftover()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket(), partSizeBytes: 5 * MiB);
        var source = new PausingStream(SeededContent.Open(seed: 14, 12 * MiB), pauseAt: 6 * MiB);

        var put = store.PutAsync("features/train.bin", source, ArtifactMediaTypes.OctetStream);
        await source.Paused.WaitAsync(PauseTimeout);
        source.Fail(new IOException("source disk failed"));

        var error = await Assert.ThrowsAsync<IOException>(() => put.WaitAsync(PauseTimeout));
        Assert.Equal("source disk failed", error.Message);
        Assert.False(await store.ExistsAsync("features/train.bin"));
        Assert.Empty(await store.ListAsync("").ToListAsync());
        Assert.Empty(await store.ListIncompleteAsync().ToListAsync());
    }

    [Fact]
    public async Task Cancelling_an_upload_stops_it_and_publishes_nothing()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket(), partSizeBytes: 5 * MiB);
        var source = new PausingStream(SeededContent.Open(seed: 15, 12 * MiB), pauseAt: 6 * MiB);
        using var cancellation = new CancellationTokenSource();

        var put = store.PutAsync("features/train.bin", source, ArtifactMediaTypes.OctetStream, cancellation.Token);
        await source.Paused.WaitAsync(PauseTimeout);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => put.WaitAsync(PauseTimeout));
        Assert.False(await store.ExistsAsync("features/train.bin"));
        Assert.Empty(await store.ListIncompleteAsync().ToListAsync());
    }

    [Fact]
    public async Task Leftovers_of_interrupted_writes_are_listed_apart_and_only_they_can_be_deleted()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var finished = await store.PutAsync("done.bin", new MemoryStream([1, 2, 3]), ArtifactMediaTypes.OctetStream);
        // What a writer that died between upload and publish leaves behind.
        await s3rver.Client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = store.Bucket, Key = "_incomplete/dead-writer", InputStream = new MemoryStream([4, 5]),
        });

        Assert.Equal(["done.bin"], await store.ListAsync("").Select(entry => entry.Key).ToListAsync());
        Assert.Equal(["_incomplete/dead-writer"], await store.ListIncompleteAsync().Select(entry => entry.Key).ToListAsync());
        Assert.Null(await store.TryGetReferenceAsync("done.bin2"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("_incomplete/x", new MemoryStream([1]), "a/b"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetReferenceAsync("_incomplete/dead-writer"));
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteIncompleteAsync("done.bin"));
        Assert.Contains("immutable", refused.Message);

        await store.DeleteIncompleteAsync("_incomplete/dead-writer");

        Assert.Empty(await store.ListIncompleteAsync().ToListAsync());
        Assert.Equal(finished, await store.GetReferenceAsync("done.bin"));
    }
}
