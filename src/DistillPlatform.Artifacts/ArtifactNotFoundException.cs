namespace DistillPlatform.Artifacts;

/// <summary>No finished artifact is stored under the requested key.</summary>
public sealed class ArtifactNotFoundException(string uri, Exception? innerException = null)
    : ArtifactStoreException(
        $"Artifact '{uri}' was not found in the object store. Check the key, or that its producer finished writing it.",
        innerException)
{
    public override string Uri { get; } = uri;
}
