namespace DistillPlatform.Contracts.Artifacts;

/// <summary>
/// Points at one finished, immutable object in the object store and says what its bytes must be.
/// Messages carry this instead of the bytes themselves; a reader verifies the content against
/// <see cref="Sha256"/> and <see cref="SizeBytes"/>.
/// </summary>
/// <param name="Uri">Location as <c>s3://bucket/key</c>.</param>
/// <param name="Sha256">SHA-256 of the content, 64 lowercase hexadecimal characters.</param>
/// <param name="SizeBytes">Content length in bytes.</param>
/// <param name="MediaType">IANA media type of the content, see <see cref="ArtifactMediaTypes"/>.</param>
public sealed record ArtifactRef(string Uri, string Sha256, long SizeBytes, string MediaType);
