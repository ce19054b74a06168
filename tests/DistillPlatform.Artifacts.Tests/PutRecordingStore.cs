using System.Collections.Concurrent;
using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Artifacts.Tests;

/// <summary>A real store that remembers the keys written through it, in order, so tests can check write order.</summary>
internal sealed class PutRecordingStore(IArtifactStore inner) : IArtifactStore
{
    private readonly ConcurrentQueue<string> _putKeys = new();

    public IReadOnlyList<string> PutKeys => _putKeys.ToArray();

    public string Bucket => inner.Bucket;

    public Task<ArtifactRef> PutAsync(string key, Stream content, string mediaType, CancellationToken cancellationToken = default)
    {
        _putKeys.Enqueue(key);
        return inner.PutAsync(key, content, mediaType, cancellationToken);
    }

    public Task<ArtifactRef> PutJsonAsync<T>(string key, T document, CancellationToken cancellationToken = default)
    {
        _putKeys.Enqueue(key);
        return inner.PutJsonAsync(key, document, cancellationToken);
    }

    public Task<Stream> OpenReadAsync(ArtifactRef artifact, CancellationToken cancellationToken = default) =>
        inner.OpenReadAsync(artifact, cancellationToken);

    public Task DownloadAsync(ArtifactRef artifact, Stream destination, CancellationToken cancellationToken = default) =>
        inner.DownloadAsync(artifact, destination, cancellationToken);

    public Task<T> GetJsonAsync<T>(ArtifactRef artifact, CancellationToken cancellationToken = default) =>
        inner.GetJsonAsync<T>(artifact, cancellationToken);

    public Task<ArtifactRef> GetReferenceAsync(string key, CancellationToken cancellationToken = default) =>
        inner.GetReferenceAsync(key, cancellationToken);

    public Task<ArtifactRef?> TryGetReferenceAsync(string key, CancellationToken cancellationToken = default) =>
        inner.TryGetReferenceAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        inner.ExistsAsync(key, cancellationToken);

    public IAsyncEnumerable<ArtifactObjectSummary> ListAsync(string prefix, CancellationToken cancellationToken = default) =>
        inner.ListAsync(prefix, cancellationToken);

    public IAsyncEnumerable<ArtifactObjectSummary> ListIncompleteAsync(CancellationToken cancellationToken = default) =>
        inner.ListIncompleteAsync(cancellationToken);

    public Task DeleteIncompleteAsync(string incompleteKey, CancellationToken cancellationToken = default) =>
        inner.DeleteIncompleteAsync(incompleteKey, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(key, cancellationToken);

    public Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default) =>
        inner.DeletePrefixAsync(prefix, cancellationToken);
}
