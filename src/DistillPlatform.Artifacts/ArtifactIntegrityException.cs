namespace DistillPlatform.Artifacts;

/// <summary>
/// The bytes read back differ from what was written (wrong length or wrong SHA-256): the stored object is corrupted
/// or was replaced behind the store's back. The data must not be used.
/// </summary>
public sealed class ArtifactIntegrityException(string uri, string problem, Exception? innerException = null)
    : ArtifactStoreException($"Artifact '{uri}' failed its integrity check: {problem}. The stored object is corrupted; " +
                             "re-create it from its producer.", innerException)
{
    public override string Uri { get; } = uri;
}
