namespace DistillPlatform.Artifacts;

/// <summary>One entry of a listing: enough to pick keys; call <c>GetReferenceAsync</c> for the hash and media type.</summary>
public sealed record ArtifactObjectSummary(string Key, long SizeBytes, DateTimeOffset LastModified);
