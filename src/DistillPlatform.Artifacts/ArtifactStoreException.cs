namespace DistillPlatform.Artifacts;

/// <summary>Base of every error the artifact store reports about artifacts (as opposed to transport failures).</summary>
public abstract class ArtifactStoreException(string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    /// <summary>The artifact concerned, as <c>s3://bucket/key</c>.</summary>
    public abstract string Uri { get; }
}
