using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Artifacts.Tests;

/// <summary>Deleting scratch artifacts (DeleteAsync, DeletePrefixAsync) against the real s3rver.</summary>
[Collection(S3rverCollection.Name)]
public sealed class DeleteTests(S3rverFixture s3rver)
{
    [Fact]
    public async Task A_deleted_artifact_is_gone_and_its_key_can_be_written_again_with_other_content()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var first = await store.PutAsync("scratch/run-1/state.bin", new MemoryStream(SeededContent.Bytes(seed: 40, length: 2048)), ArtifactMediaTypes.OctetStream);

        await store.DeleteAsync("scratch/run-1/state.bin");

        Assert.False(await store.ExistsAsync("scratch/run-1/state.bin"));
        Assert.Null(await store.TryGetReferenceAsync("scratch/run-1/state.bin"));
        await Assert.ThrowsAsync<ArtifactNotFoundException>(() => store.DownloadAsync(first, new MemoryStream()));
        Assert.Empty(await store.ListAsync("scratch/").ToListAsync());

        // Without the old bytes there is nothing to conflict with.
        var replacement = SeededContent.Bytes(seed: 41, length: 1024);
        var second = await store.PutAsync("scratch/run-1/state.bin", new MemoryStream(replacement), ArtifactMediaTypes.OctetStream);
        Assert.NotEqual(first.Sha256, second.Sha256);
        using var readBack = new MemoryStream();
        await store.DownloadAsync(second, readBack);
        Assert.Equal(replacement, readBack.ToArray());
    }

    [Fact]
    public async Task Deleting_a_key_that_holds_nothing_succeeds_and_leaves_the_others()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var kept = await store.PutAsync("scratch/kept.bin", new MemoryStream(SeededContent.Bytes(seed: 42, length: 100)), ArtifactMediaTypes.OctetStream);

        await store.DeleteAsync("scratch/never-written.bin");

        Assert.Equal(kept, await store.GetReferenceAsync("scratch/kept.bin"));
    }

    [Fact]
    public async Task Deleting_a_folder_removes_exactly_its_keys_across_listing_pages()
    {
        // One key per listing page, so the deletion must not depend on the listing fitting one page.
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket(), listPageSize: 1);
        string[] inFolder = ["checkpoints/gen-1/step-000005/a.bin", "checkpoints/gen-1/step-000005/b.json", "checkpoints/gen-1/step-000010/a.bin"];
        // A sibling whose name starts with the folder's name, a parent-level file and another kind of artifact.
        string[] outside = ["checkpoints/gen-10/step-000005/a.bin", "checkpoints/gen-1.txt", "generators/gen-1/generator.json"];
        ulong seed = 50;
        foreach (var key in inFolder.Concat(outside))
            await store.PutAsync(key, new MemoryStream(SeededContent.Bytes(seed++, length: 64)), ArtifactMediaTypes.OctetStream);

        int deleted = await store.DeletePrefixAsync("checkpoints/gen-1/");

        Assert.Equal(inFolder.Length, deleted);
        Assert.Equal(outside.Order(StringComparer.Ordinal), await store.ListAsync("").Select(entry => entry.Key).ToListAsync());
        Assert.Equal(0, await store.DeletePrefixAsync("checkpoints/gen-1/"));
    }

    [Theory]
    [InlineData("", "is not a folder prefix")]
    [InlineData("checkpoints/gen-1", "is not a folder prefix")]
    [InlineData("/checkpoints/", "is not a folder prefix")]
    [InlineData("checkpoints//", "is not a folder prefix")]
    [InlineData("_incomplete/", "holds uploads in progress")]
    public async Task A_prefix_that_is_not_a_plain_folder_is_refused_before_anything_is_deleted(string prefix, string reason)
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var kept = await store.PutAsync("checkpoints/gen-1/a.bin", new MemoryStream(SeededContent.Bytes(seed: 60, length: 64)), ArtifactMediaTypes.OctetStream);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.DeletePrefixAsync(prefix));

        Assert.Contains(reason, error.Message);
        Assert.Equal(kept, await store.GetReferenceAsync("checkpoints/gen-1/a.bin"));
    }
}
