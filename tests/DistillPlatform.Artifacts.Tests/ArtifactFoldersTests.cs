using System.Security.Cryptography;
using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Artifacts.Tests;

[Collection(S3rverCollection.Name)]
public sealed class ArtifactFoldersTests(S3rverFixture s3rver) : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("artifact-folders-").FullName;

    [Fact]
    public async Task Folder_round_trips_with_nested_files_and_the_manifest_uploaded_last()
    {
        var recording = new PutRecordingStore(s3rver.CreateStore(RoundTripTests.UniqueBucket()));
        var folders = new ArtifactFolders(recording);
        var folder = new ArtifactFolder("pools", "pool-1", "index.json");
        string source = CreateSourceFolder(("index.json", 3, 40), ("b.safetensors", 1, 5000), ("a.bin", 2, 70), ("sub/c.json", 4, 10));

        var manifest = await folders.UploadAsync(folder, source);

        Assert.Equal(["pools/pool-1/a.bin", "pools/pool-1/b.safetensors", "pools/pool-1/sub/c.json", "pools/pool-1/index.json"], recording.PutKeys);
        Assert.Equal($"s3://{recording.Bucket}/pools/pool-1/index.json", manifest.Uri);
        Assert.Equal(Sha256Of(Path.Combine(source, "index.json")), manifest.Sha256);
        Assert.Equal(ArtifactMediaTypes.Json, manifest.MediaType);
        Assert.Equal(ArtifactMediaTypes.SafeTensors, (await recording.GetReferenceAsync("pools/pool-1/b.safetensors")).MediaType);
        Assert.Equal(manifest, await folders.FindAsync(folder));

        string target = Path.Combine(_workDirectory, "download");
        var downloadedManifest = await folders.DownloadAsync(folder, target);

        Assert.Equal(manifest, downloadedManifest);
        foreach (string file in new[] { "index.json", "b.safetensors", "a.bin", Path.Combine("sub", "c.json") })
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(source, file)), await File.ReadAllBytesAsync(Path.Combine(target, file)));
        Assert.Equal(4, Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task Only_the_listed_files_are_uploaded_when_a_list_is_given()
    {
        var recording = new PutRecordingStore(s3rver.CreateStore(RoundTripTests.UniqueBucket()));
        var folder = new ArtifactFolder("features", "set-1", "manifest.json");
        string source = CreateSourceFolder(("manifest.json", 1, 20), ("train-00000.safetensors", 2, 30), ("scratch.tmp", 3, 10));

        await new ArtifactFolders(recording).UploadAsync(folder, source, ["train-00000.safetensors"]);

        Assert.Equal(["features/set-1/train-00000.safetensors", "features/set-1/manifest.json"], recording.PutKeys);
    }

    [Fact]
    public async Task Folder_without_its_manifest_is_not_found_but_its_stored_files_can_be_fetched()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var folders = new ArtifactFolders(store);
        var folder = new ArtifactFolder("pools", "partial", "index.json");
        string source = CreateSourceFolder(("run000-epoch0002.safetensors", 5, 300), ("index.json", 6, 30));

        await folders.UploadFileAsync(folder, source, "run000-epoch0002.safetensors");

        Assert.Null(await folders.FindAsync(folder));
        string target = Path.Combine(_workDirectory, "partial");
        await Assert.ThrowsAsync<ArtifactNotFoundException>(() => folders.DownloadAsync(folder, target));
        Assert.Equal(["run000-epoch0002.safetensors"], await folders.DownloadStoredFilesAsync(folder, target));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(source, "run000-epoch0002.safetensors")),
            await File.ReadAllBytesAsync(Path.Combine(target, "run000-epoch0002.safetensors")));
        Assert.False(File.Exists(Path.Combine(target, "index.json")));
    }

    [Fact]
    public async Task Missing_local_manifest_uploads_nothing()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var folder = new ArtifactFolder("pools", "no-index", "index.json");
        string source = CreateSourceFolder(("a.bin", 1, 10));

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => new ArtifactFolders(store).UploadAsync(folder, source));

        Assert.Contains("index.json", error.Message);
        Assert.False(await store.ExistsAsync("pools/no-index/a.bin"));
    }

    [Fact]
    public async Task Corrupted_stored_file_fails_the_download_and_leaves_no_file_behind()
    {
        var store = s3rver.CreateStore(RoundTripTests.UniqueBucket());
        var folders = new ArtifactFolders(store);
        var folder = new ArtifactFolder("features", "corrupt", "manifest.json");
        string source = CreateSourceFolder(("manifest.json", 1, 20), ("train-00000.safetensors", 2, 1000));
        await folders.UploadAsync(folder, source);
        // Flip one byte of the stored shard behind the store's back (same length, so only the hash can tell).
        string storedShard = s3rver.StoredObjectPath(store.Bucket, "features/corrupt/train-00000.safetensors");
        byte[] bytes = await File.ReadAllBytesAsync(storedShard);
        bytes[500] ^= 0xFF;
        await File.WriteAllBytesAsync(storedShard, bytes);

        string target = Path.Combine(_workDirectory, "corrupt");
        await Assert.ThrowsAsync<ArtifactIntegrityException>(() => folders.DownloadAsync(folder, target));

        Assert.Empty(Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("pools/x", "id", "index.json")]
    [InlineData("pools", "..", "index.json")]
    [InlineData("pools", "id", "")]
    public async Task Ambiguous_folder_parts_are_rejected(string prefix, string id, string manifest)
    {
        var folders = new ArtifactFolders(s3rver.CreateStore(RoundTripTests.UniqueBucket()));

        await Assert.ThrowsAsync<ArgumentException>(() => folders.FindAsync(new ArtifactFolder(prefix, id, manifest)));
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);

    private string CreateSourceFolder(params (string Path, ulong Seed, int Length)[] files)
    {
        string directory = Directory.CreateDirectory(System.IO.Path.Combine(_workDirectory, "source-" + Guid.NewGuid().ToString("N"))).FullName;
        foreach (var (path, seed, length) in files)
        {
            string full = System.IO.Path.Combine(directory, path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, SeededContent.Bytes(seed, length));
        }
        return directory;
    }

    private static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
