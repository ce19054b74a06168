using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using DistillPlatform.Contracts.Artifacts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistillPlatform.Artifacts;

/// <summary>
/// <see cref="IArtifactStore"/> over any S3-compatible server.
/// <para>
/// Writing: the content is streamed to a temporary key under <see cref="ArtifactStoreOptions.IncompletePrefix"/> while
/// its SHA-256 is computed, then published to the final key by a server-side copy that records the hash as object
/// metadata, then the temporary object is deleted. Readers therefore never see a half-written artifact, and a crash
/// leaves at most a leftover under the incomplete prefix.
/// </para>
/// <para>
/// Limitation: the check "is the key free or identical" and the publishing copy are two requests; two writers racing
/// on the same key with different content could both pass the check. Producers write distinct keys (content or run
/// ids), which makes this race harmless in practice.
/// </para>
/// </summary>
public sealed class ArtifactStore : IArtifactStore
{
    /// <summary>Largest artifact: a single server-side copy publishes it, and S3 limits such copies to 5 GiB.</summary>
    public const long MaxArtifactBytes = 5L * 1024 * 1024 * 1024;

    /// <summary>User metadata key (sent as <c>x-amz-meta-sha256</c>) holding the content hash of a finished artifact.</summary>
    private const string Sha256MetadataKey = "x-amz-meta-sha256";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly IAmazonS3 _client;
    private readonly ArtifactStoreOptions _options;
    private readonly ILogger _logger;
    private readonly StreamingUploader _uploader;
    private readonly ConcurrentDictionary<string, bool> _bucketsKnownToExist = new(StringComparer.Ordinal);

    /// <param name="client">Client from <see cref="ObjectStoreClientFactory"/>; not disposed by the store.</param>
    public ArtifactStore(IAmazonS3 client, ArtifactStoreOptions options, ILogger<ArtifactStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _client = client;
        _options = options;
        _logger = logger ?? NullLogger<ArtifactStore>.Instance;
        _uploader = new StreamingUploader(client, options.PartSizeBytes, MaxArtifactBytes, _logger);
    }

    public string Bucket => _options.Bucket;

    public async Task<ArtifactRef> PutAsync(
        string key, Stream content, string mediaType, CancellationToken cancellationToken = default)
    {
        ValidateArtifactKey(key);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(mediaType);
        var location = new ArtifactLocation(Bucket, key);
        using var activity = ArtifactsTelemetry.Source.StartActivity("artifacts.put", ActivityKind.Client);
        activity?.SetTag(ArtifactsTelemetry.Tags.Uri, location.ToString());

        var temporaryKey = _options.IncompletePrefix + Guid.NewGuid().ToString("N");
        var temporaryStored = false;
        try
        {
            await EnsureBucketAsync(Bucket, cancellationToken);
            var uploaded = await _uploader.UploadAsync(Bucket, temporaryKey, content, mediaType, cancellationToken);
            temporaryStored = true;
            activity?.SetTag(ArtifactsTelemetry.Tags.Bytes, uploaded.SizeBytes);
            activity?.SetTag(ArtifactsTelemetry.Tags.Sha256, uploaded.Sha256);
            activity?.SetTag(ArtifactsTelemetry.Tags.UploadParts, uploaded.Parts);

            var existing = await TryHeadAsync(location, cancellationToken);
            if (existing is not null)
            {
                if (!IsSameContent(existing, uploaded))
                {
                    throw new ArtifactConflictException(
                        location.ToString(), existing.Sha256 is { Length: > 0 } ? existing.Sha256 : "(none recorded)", uploaded.Sha256);
                }

                activity?.SetTag(ArtifactsTelemetry.Tags.WriteOutcome, "unchanged");
                return existing;
            }

            await PublishAsync(temporaryKey, key, uploaded.Sha256, mediaType, cancellationToken);
            activity?.SetTag(ArtifactsTelemetry.Tags.WriteOutcome, "created");
            return new ArtifactRef(location.ToString(), uploaded.Sha256, uploaded.SizeBytes, mediaType);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            if (temporaryStored)
            {
                await DeleteTemporaryAsync(temporaryKey);
            }
        }
    }

    public async Task<ArtifactRef> PutJsonAsync<T>(string key, T document, CancellationToken cancellationToken = default)
    {
        // Documents are small (manifests, configurations), so serialising into memory first is fine.
        using var json = new MemoryStream();
        await JsonSerializer.SerializeAsync(json, document, JsonOptions, cancellationToken);
        json.Position = 0;
        return await PutAsync(key, json, ArtifactMediaTypes.Json, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(ArtifactRef artifact, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var location = ArtifactLocation.Parse(artifact.Uri);
        var activity = ArtifactsTelemetry.Source.StartActivity("artifacts.get", ActivityKind.Client);
        activity?.SetTag(ArtifactsTelemetry.Tags.Uri, artifact.Uri);
        activity?.SetTag(ArtifactsTelemetry.Tags.Sha256, artifact.Sha256);
        GetObjectResponse? response = null;
        try
        {
            response = await _client.GetObjectAsync(location.Bucket, location.Key, cancellationToken);
            var recordedSha256 = response.Metadata[Sha256MetadataKey];
            if (recordedSha256 is { Length: > 0 } && !string.Equals(recordedSha256, artifact.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArtifactIntegrityException(
                    artifact.Uri, $"the stored object was written with SHA-256 {recordedSha256} but the reference expects {artifact.Sha256}");
            }

            if (response.ContentLength != artifact.SizeBytes)
            {
                throw new ArtifactIntegrityException(
                    artifact.Uri, $"the stored object has {response.ContentLength} bytes but the reference expects {artifact.SizeBytes}");
            }

            // From here the stream owns the response and the activity.
            return new VerifyingReadStream(response, artifact.Uri, artifact.SizeBytes, artifact.Sha256, activity);
        }
        catch (Exception e)
        {
            response?.Dispose();
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            activity?.Dispose();
            if (e is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound })
            {
                throw new ArtifactNotFoundException(artifact.Uri, e);
            }

            throw;
        }
    }

    public async Task DownloadAsync(ArtifactRef artifact, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await using var source = await OpenReadAsync(artifact, cancellationToken);
        await source.CopyToAsync(destination, cancellationToken);
    }

    public async Task<T> GetJsonAsync<T>(ArtifactRef artifact, CancellationToken cancellationToken = default)
    {
        // Read the whole (small) document first so that it is verified before any of it is interpreted.
        using var json = new MemoryStream();
        await DownloadAsync(artifact, json, cancellationToken);
        json.Position = 0;
        try
        {
            return JsonSerializer.Deserialize<T>(json, JsonOptions)
                   ?? throw new InvalidDataException($"Artifact '{artifact.Uri}' holds JSON null, not a {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Artifact '{artifact.Uri}' is not a valid JSON {typeof(T).Name}: {e.Message}", e);
        }
    }

    public async Task<ArtifactRef> GetReferenceAsync(string key, CancellationToken cancellationToken = default) =>
        await TryGetReferenceAsync(key, cancellationToken)
        ?? throw new ArtifactNotFoundException(new ArtifactLocation(Bucket, key).ToString());

    public async Task<ArtifactRef?> TryGetReferenceAsync(string key, CancellationToken cancellationToken = default)
    {
        ValidateArtifactKey(key);
        var location = new ArtifactLocation(Bucket, key);
        var head = await TryHeadAsync(location, cancellationToken);
        if (head is { Sha256.Length: 0 })
        {
            throw new ArtifactIntegrityException(
                location.ToString(), "the object has no recorded SHA-256, so it was not written by the artifact store");
        }

        return head;
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        ValidateArtifactKey(key);
        return await TryHeadAsync(new ArtifactLocation(Bucket, key), cancellationToken) is not null;
    }

    public IAsyncEnumerable<ArtifactObjectSummary> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return ListObjectsAsync(prefix, cancellationToken)
            .Where(summary => !summary.Key.StartsWith(_options.IncompletePrefix, StringComparison.Ordinal));
    }

    public IAsyncEnumerable<ArtifactObjectSummary> ListIncompleteAsync(CancellationToken cancellationToken = default) =>
        ListObjectsAsync(_options.IncompletePrefix, cancellationToken);

    public async Task DeleteIncompleteAsync(string incompleteKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incompleteKey);
        if (!incompleteKey.StartsWith(_options.IncompletePrefix, StringComparison.Ordinal)
            || incompleteKey.Length == _options.IncompletePrefix.Length)
        {
            throw new ArgumentException(
                $"'{incompleteKey}' is not an incomplete upload (keys under '{_options.IncompletePrefix}'); finished " +
                "artifacts are immutable, and only scratch data among them is ever deleted, with DeleteAsync.", nameof(incompleteKey));
        }

        await _client.DeleteObjectAsync(Bucket, incompleteKey, cancellationToken);
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ValidateArtifactKey(key);
        var location = new ArtifactLocation(Bucket, key);
        using var activity = ArtifactsTelemetry.Source.StartActivity("artifacts.delete", ActivityKind.Client);
        activity?.SetTag(ArtifactsTelemetry.Tags.Uri, location.ToString());
        try
        {
            // S3 answers a delete of a missing key with success too, which is the "nothing to do" this method promises.
            await _client.DeleteObjectAsync(Bucket, key, cancellationToken);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    public async Task<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (prefix.Length == 0 || !prefix.EndsWith('/') || prefix.StartsWith('/') || prefix.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{prefix}' is not a folder prefix: deleting by prefix needs non-empty '/'-separated segments ending in '/', " +
                "such as 'generator-checkpoints/gen-1/', so that it cannot reach into a sibling folder.", nameof(prefix));
        }

        if (prefix.StartsWith(_options.IncompletePrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"'{prefix}' holds uploads in progress; remove leftovers one by one with {nameof(DeleteIncompleteAsync)}.", nameof(prefix));
        }

        // Listed completely before deleting, so that deletions never shift the pages of the listing.
        var keys = await ListAsync(prefix, cancellationToken).Select(summary => summary.Key).ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            await DeleteAsync(key, cancellationToken);
        }

        return keys.Count;
    }

    private async IAsyncEnumerable<ArtifactObjectSummary> ListObjectsAsync(
        string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = Bucket, Prefix = prefix, MaxKeys = _options.ListPageSize };
        while (true)
        {
            var page = await TryListPageAsync(request, cancellationToken);
            if (page is null)
            {
                yield break;
            }

            foreach (var entry in page.S3Objects ?? [])
            {
                yield return new ArtifactObjectSummary(
                    entry.Key, entry.Size ?? 0, new DateTimeOffset(entry.LastModified ?? default));
            }

            if (page.IsTruncated != true)
            {
                yield break;
            }

            request.ContinuationToken = page.NextContinuationToken;
        }
    }

    /// <summary>One page of a listing; null when the bucket does not exist yet (nothing was ever written).</summary>
    private async Task<ListObjectsV2Response?> TryListPageAsync(
        ListObjectsV2Request request, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.ListObjectsV2Async(request, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            return null;
        }
    }

    /// <summary>
    /// The stored object's reference, or null when there is none. <see cref="ArtifactRef.Sha256"/> is empty for an
    /// object that has no recorded hash (one not written by this store).
    /// </summary>
    private async Task<ArtifactRef?> TryHeadAsync(ArtifactLocation location, CancellationToken cancellationToken)
    {
        try
        {
            var head = await _client.GetObjectMetadataAsync(location.Bucket, location.Key, cancellationToken);
            return new ArtifactRef(
                location.ToString(),
                head.Metadata[Sha256MetadataKey] ?? string.Empty,
                head.ContentLength,
                head.Headers.ContentType ?? ArtifactMediaTypes.OctetStream);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static bool IsSameContent(ArtifactRef stored, UploadedContent uploaded) =>
        stored.SizeBytes == uploaded.SizeBytes
        && string.Equals(stored.Sha256, uploaded.Sha256, StringComparison.OrdinalIgnoreCase);

    /// <summary>Makes the uploaded content visible under its final key, with its hash recorded as metadata.</summary>
    private async Task PublishAsync(
        string temporaryKey, string key, string sha256, string mediaType, CancellationToken cancellationToken)
    {
        var copy = new CopyObjectRequest
        {
            SourceBucket = Bucket,
            SourceKey = temporaryKey,
            DestinationBucket = Bucket,
            DestinationKey = key,
            MetadataDirective = S3MetadataDirective.REPLACE,
            ContentType = mediaType,
        };
        copy.Metadata.Add(Sha256MetadataKey, sha256);
        await _client.CopyObjectAsync(copy, cancellationToken);
    }

    /// <summary>
    /// Removes the temporary object whatever happened to the write, even after cancellation; a failure here only
    /// leaves a leftover for <see cref="ListIncompleteAsync"/>, so it is logged rather than thrown.
    /// </summary>
    private async Task DeleteTemporaryAsync(string temporaryKey)
    {
        try
        {
            await _client.DeleteObjectAsync(Bucket, temporaryKey, CancellationToken.None);
        }
        catch (AmazonS3Exception e)
        {
            _logger.LogWarning(e, "Could not delete temporary object {Bucket}/{Key}", Bucket, temporaryKey);
        }
    }

    private async Task EnsureBucketAsync(string bucket, CancellationToken cancellationToken)
    {
        if (_bucketsKnownToExist.ContainsKey(bucket))
        {
            return;
        }

        try
        {
            await _client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }, cancellationToken);
            _logger.LogInformation("Created bucket {Bucket}", bucket);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // AWS answers "owned by you" for an existing bucket; s3rver answers "already exists". Both mean ready.
        }

        _bucketsKnownToExist.TryAdd(bucket, true);
    }

    private void ValidateArtifactKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0 || key.StartsWith('/') || key.EndsWith('/') || key.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Artifact key '{key}' is invalid: use non-empty '/'-separated segments such as 'features/run-1/train.safetensors'.",
                nameof(key));
        }

        if (key.StartsWith(_options.IncompletePrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Artifact key '{key}' is reserved: keys under '{_options.IncompletePrefix}' hold uploads in progress.",
                nameof(key));
        }
    }
}
