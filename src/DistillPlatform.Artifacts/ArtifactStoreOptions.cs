namespace DistillPlatform.Artifacts;

/// <summary>Tuning of <see cref="ArtifactStore"/>; the defaults suit every service.</summary>
public sealed class ArtifactStoreOptions
{
    /// <summary>S3 refuses multipart parts below 5 MiB (except the last one).</summary>
    public const int MinimumPartSizeBytes = 5 * 1024 * 1024;

    /// <summary>Bucket that new artifacts are written to; created on first use.</summary>
    public string Bucket { get; set; } = "artifacts";

    /// <summary>
    /// Bytes held in memory per upload, and the size of each multipart part. Content no larger than one part is sent
    /// with a single request; larger content is sent as a multipart upload, so memory stays bounded by this value.
    /// </summary>
    public int PartSizeBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Key prefix of uploads in progress; such keys are never listed or readable as artifacts.</summary>
    public string IncompletePrefix { get; set; } = "_incomplete/";

    /// <summary>Keys fetched per listing request (S3 returns at most 1000).</summary>
    public int ListPageSize { get; set; } = 1000;

    internal void Validate()
    {
        if (Bucket is not { Length: >= 3 and <= 63 } || !Bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            throw new ArgumentException(
                $"Bucket name '{Bucket}' is invalid: use 3 to 63 lowercase letters, digits, '-' or '.'.", nameof(Bucket));
        }

        if (PartSizeBytes < MinimumPartSizeBytes)
        {
            throw new ArgumentOutOfRangeException(
                nameof(PartSizeBytes), PartSizeBytes, $"Part size must be at least {MinimumPartSizeBytes} bytes (the S3 minimum).");
        }

        if (ListPageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(ListPageSize), ListPageSize, "List page size must be between 1 and 1000.");
        }

        if (IncompletePrefix is not { Length: > 1 } || !IncompletePrefix.EndsWith('/'))
        {
            throw new ArgumentException(
                $"Incomplete prefix '{IncompletePrefix}' must be a non-empty folder name ending in '/'.", nameof(IncompletePrefix));
        }
    }
}
