namespace DistillPlatform.Artifacts;

/// <summary>A bucket and key, convertible to and from the <c>s3://bucket/key</c> form used in <c>ArtifactRef.Uri</c>.</summary>
public readonly record struct ArtifactLocation(string Bucket, string Key)
{
    private const string Scheme = "s3://";

    /// <exception cref="FormatException">The text is not <c>s3://bucket/key</c> with a non-empty bucket and key.</exception>
    public static ArtifactLocation Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.StartsWith(Scheme, StringComparison.Ordinal))
        {
            var path = uri.AsSpan(Scheme.Length);
            var slash = path.IndexOf('/');
            if (slash > 0 && slash < path.Length - 1)
            {
                return new ArtifactLocation(path[..slash].ToString(), path[(slash + 1)..].ToString());
            }
        }

        throw new FormatException($"'{uri}' is not an artifact URI; expected 's3://bucket/key'.");
    }

    public override string ToString() => $"{Scheme}{Bucket}/{Key}";
}
