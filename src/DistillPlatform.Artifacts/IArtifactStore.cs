using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Artifacts;

/// <summary>
/// Immutable, integrity-checked artifacts in an S3-compatible object store. A key, once written, always holds the same
/// bytes: rewriting identical content is a no-op, different content is refused. Every read is verified against the
/// SHA-256 recorded at write time. Deleting is for scratch data only (<see cref="DeleteAsync"/>).
/// </summary>
public interface IArtifactStore
{
    /// <summary>The bucket new artifacts are written to.</summary>
    string Bucket { get; }

    /// <summary>
    /// Streams <paramref name="content"/> (read to its end, any length up to 5 GiB) into the artifact
    /// <paramref name="key"/> and returns its reference. The key becomes visible only once the whole content is stored.
    /// </summary>
    /// <exception cref="ArtifactConflictException">The key already holds different content; it was left unchanged.</exception>
    Task<ArtifactRef> PutAsync(string key, Stream content, string mediaType, CancellationToken cancellationToken = default);

    /// <summary>Serialises <paramref name="document"/> as camelCase JSON and stores it like <see cref="PutAsync"/>.</summary>
    Task<ArtifactRef> PutJsonAsync<T>(string key, T document, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens the artifact for reading. The returned stream throws <see cref="ArtifactIntegrityException"/> when its end
    /// is reached and the bytes differ from <paramref name="artifact"/>; read it to the end before trusting the data.
    /// </summary>
    /// <exception cref="ArtifactNotFoundException">Nothing is stored at the artifact's URI.</exception>
    Task<Stream> OpenReadAsync(ArtifactRef artifact, CancellationToken cancellationToken = default);

    /// <summary>Copies the verified artifact into <paramref name="destination"/>.</summary>
    /// <exception cref="ArtifactNotFoundException">Nothing is stored at the artifact's URI.</exception>
    /// <exception cref="ArtifactIntegrityException">The stored bytes differ from the reference.</exception>
    Task DownloadAsync(ArtifactRef artifact, Stream destination, CancellationToken cancellationToken = default);

    /// <summary>Reads and deserialises a JSON artifact written by <see cref="PutJsonAsync{T}"/>.</summary>
    Task<T> GetJsonAsync<T>(ArtifactRef artifact, CancellationToken cancellationToken = default);

    /// <summary>The reference of the finished artifact at <paramref name="key"/> of <see cref="Bucket"/>.</summary>
    /// <exception cref="ArtifactNotFoundException">No finished artifact has this key.</exception>
    Task<ArtifactRef> GetReferenceAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>The reference of the finished artifact at <paramref name="key"/>, or null when there is none.</summary>
    Task<ArtifactRef?> TryGetReferenceAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="key"/> is taken, i.e. a write of different content there would be refused.</summary>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Finished artifacts whose key starts with <paramref name="prefix"/>, in key order, fetched page by page.</summary>
    IAsyncEnumerable<ArtifactObjectSummary> ListAsync(string prefix, CancellationToken cancellationToken = default);

    /// <summary>Leftovers of uploads that never finished (e.g. the process died between upload and publish).</summary>
    IAsyncEnumerable<ArtifactObjectSummary> ListIncompleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes a leftover listed by <see cref="ListIncompleteAsync"/>; finished artifacts go through <see cref="DeleteAsync"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="incompleteKey"/> is not an incomplete upload's key.</exception>
    Task DeleteIncompleteAsync(string incompleteKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the finished artifact at <paramref name="key"/>; does nothing when none is stored there. Meant only for
    /// scratch data that its producer alone reads back, such as resumable training checkpoints: a result that messages
    /// refer to must never be deleted, since their references would then point at nothing. Once deleted, the key may be
    /// written again with any content.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="key"/> is not a valid artifact key.</exception>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes every finished artifact under the folder <paramref name="prefix"/> (non-empty, ending in '/') with
    /// <see cref="DeleteAsync"/>'s rules, and returns how many it deleted.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="prefix"/> is empty, does not end in '/', or is the
    /// incomplete-upload prefix.</exception>
    Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default);
}
