namespace DistillPlatform.Artifacts;

/// <summary>
/// A write targeted a key that already holds a finished artifact with different content. Artifacts are immutable:
/// the stored object was left untouched; write the new content under a new key.
/// </summary>
public sealed class ArtifactConflictException(string uri, string storedSha256, string rejectedSha256)
    : ArtifactStoreException(
        $"Artifact '{uri}' already exists with different content (stored SHA-256 {storedSha256}, new SHA-256 " +
        $"{rejectedSha256}). Artifacts are immutable; the stored one was kept. Write the new content under a new key.")
{
    public override string Uri { get; } = uri;

    public string StoredSha256 { get; } = storedSha256;

    public string RejectedSha256 { get; } = rejectedSha256;
}
