using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Pipeline.Tests;

/// <summary>
/// The object store's contract (write-once keys, rewriting identical bytes is a no-op, different bytes conflict) kept
/// in memory, so saga state can outlive a pipeline host (a service provider) within one test.
/// </summary>
public sealed class InMemoryArtifactStore : IArtifactStore
{
    private readonly ConcurrentDictionary<string, (byte[] Content, ArtifactRef Reference)> _objects = new(StringComparer.Ordinal);

    public string Bucket => "test-bucket";

    public IReadOnlyCollection<string> Keys => _objects.Keys.Order(StringComparer.Ordinal).ToList();

    public async Task<ArtifactRef> PutAsync(string key, Stream content, string mediaType, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        byte[] bytes = buffer.ToArray();
        var reference = new ArtifactRef($"s3://{Bucket}/{key}", Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length, mediaType);
        var stored = _objects.GetOrAdd(key, (bytes, reference));
        if (stored.Reference.Sha256 != reference.Sha256)
            throw new ArtifactConflictException($"s3://{Bucket}/{key}", stored.Reference.Sha256, reference.Sha256);
        return stored.Reference;
    }

    public Task<ArtifactRef> PutJsonAsync<T>(string key, T document, CancellationToken cancellationToken = default) =>
        PutAsync(key, new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, JsonSerializerOptions.Web)), ArtifactMediaTypes.Json, cancellationToken);

    public Task<Stream> OpenReadAsync(ArtifactRef artifact, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream>(new MemoryStream(Find(artifact).Content, writable: false));

    public async Task DownloadAsync(ArtifactRef artifact, Stream destination, CancellationToken cancellationToken = default) =>
        await destination.WriteAsync(Find(artifact).Content, cancellationToken);

    public Task<T> GetJsonAsync<T>(ArtifactRef artifact, CancellationToken cancellationToken = default) =>
        Task.FromResult(JsonSerializer.Deserialize<T>(Find(artifact).Content, JsonSerializerOptions.Web)!);

    public Task<ArtifactRef> GetReferenceAsync(string key, CancellationToken cancellationToken = default) =>
        _objects.TryGetValue(key, out var stored)
            ? Task.FromResult(stored.Reference)
            : throw new ArtifactNotFoundException($"s3://{Bucket}/{key}");

    public Task<ArtifactRef?> TryGetReferenceAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_objects.TryGetValue(key, out var stored) ? stored.Reference : null);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(_objects.ContainsKey(key));

    public async IAsyncEnumerable<ArtifactObjectSummary> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        foreach (var (key, stored) in _objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(o => o.Key, StringComparer.Ordinal))
            yield return new ArtifactObjectSummary(key, stored.Content.Length, DateTimeOffset.UnixEpoch);
    }

    public async IAsyncEnumerable<ArtifactObjectSummary> ListIncompleteAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Writes here are atomic: there are never leftovers of unfinished uploads.
        await Task.CompletedTask;
        yield break;
    }

    public Task DeleteIncompleteAsync(string incompleteKey, CancellationToken cancellationToken = default) =>
        throw new ArgumentException($"'{incompleteKey}' is not an incomplete upload: this store never has any.", nameof(incompleteKey));

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        _objects.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        Task.FromResult(_objects.Keys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal)).Count(key => _objects.TryRemove(key, out _)));

    private (byte[] Content, ArtifactRef Reference) Find(ArtifactRef artifact)
    {
        string key = ArtifactLocation.Parse(artifact.Uri).Key;
        return _objects.TryGetValue(key, out var stored) ? stored : throw new ArtifactNotFoundException(artifact.Uri);
    }
}
