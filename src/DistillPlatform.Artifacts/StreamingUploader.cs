using System.Buffers;
using System.Security.Cryptography;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace DistillPlatform.Artifacts;

/// <summary>What an upload stored: the content's SHA-256 (lowercase hex), its length, and how many requests carried it.</summary>
internal sealed record UploadedContent(string Sha256, long SizeBytes, int Parts);

/// <summary>
/// Copies a stream of unknown length into one S3 object with memory bounded by one part, hashing it on the way.
/// Content that fits in one part goes up with a single PUT; anything larger becomes a multipart upload whose
/// parts are sent as they are read, so the whole object is never held in memory.
/// </summary>
internal sealed class StreamingUploader(IAmazonS3 client, int partSizeBytes, long maxObjectBytes, ILogger logger)
{
    /// <summary>S3 numbers parts from 1 to 10000.</summary>
    private const int MaxParts = 10_000;

    public async Task<UploadedContent> UploadAsync(
        string bucket, string key, Stream content, string mediaType, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(partSizeBytes);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            var filled = await FillAsync(content, buffer, sha256, cancellationToken);
            if (filled < partSizeBytes)
            {
                await PutSingleAsync(bucket, key, buffer, filled, mediaType, cancellationToken);
                return new UploadedContent(Convert.ToHexStringLower(sha256.GetCurrentHash()), filled, Parts: 1);
            }

            var (sizeBytes, parts) = await UploadMultipartAsync(
                bucket, key, content, mediaType, buffer, filled, sha256, cancellationToken);
            return new UploadedContent(Convert.ToHexStringLower(sha256.GetCurrentHash()), sizeBytes, parts);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads up to one part (fewer only at the end of the stream) and adds it to the running hash.</summary>
    private async Task<int> FillAsync(
        Stream content, byte[] buffer, IncrementalHash sha256, CancellationToken cancellationToken)
    {
        var filled = await content.ReadAtLeastAsync(
            buffer.AsMemory(0, partSizeBytes), partSizeBytes, throwOnEndOfStream: false, cancellationToken);
        sha256.AppendData(buffer, 0, filled);
        return filled;
    }

    private async Task PutSingleAsync(
        string bucket, string key, byte[] buffer, int length, string mediaType, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        await client.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = bucket,
                Key = key,
                InputStream = body,
                ContentType = mediaType,
                UseChunkEncoding = false,
                AutoCloseStream = false,
            },
            cancellationToken);
    }

    private async Task<(long SizeBytes, int Parts)> UploadMultipartAsync(
        string bucket,
        string key,
        Stream content,
        string mediaType,
        byte[] buffer,
        int firstPartLength,
        IncrementalHash sha256,
        CancellationToken cancellationToken)
    {
        var upload = await client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = bucket, Key = key, ContentType = mediaType },
            cancellationToken);
        var parts = new List<PartETag>();
        long sizeBytes = 0;
        try
        {
            for (var length = firstPartLength; length > 0; length = await FillAsync(content, buffer, sha256, cancellationToken))
            {
                sizeBytes += length;
                if (sizeBytes > maxObjectBytes || parts.Count == MaxParts)
                {
                    throw new NotSupportedException(
                        $"Content for '{key}' exceeds {maxObjectBytes} bytes, the largest artifact the store can publish " +
                        $"(or needs more than {MaxParts} parts of {partSizeBytes} bytes). Split it into several artifacts.");
                }

                using var body = new MemoryStream(buffer, 0, length, writable: false);
                var part = await client.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = bucket,
                        Key = key,
                        UploadId = upload.UploadId,
                        PartNumber = parts.Count + 1,
                        PartSize = length,
                        InputStream = body,
                        UseChunkEncoding = false,
                    },
                    cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
            }

            await client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest
                {
                    BucketName = bucket,
                    Key = key,
                    UploadId = upload.UploadId,
                    PartETags = parts,
                },
                cancellationToken);
            return (sizeBytes, parts.Count);
        }
        catch
        {
            await AbortAsync(bucket, key, upload.UploadId);
            throw;
        }
    }

    /// <summary>
    /// Frees the parts already stored. Runs even when the caller cancelled, and only logs its own failure so that the
    /// error which caused the abort is the one the caller sees.
    /// </summary>
    private async Task AbortAsync(string bucket, string key, string uploadId)
    {
        try
        {
            await client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId },
                CancellationToken.None);
        }
        catch (AmazonS3Exception e)
        {
            logger.LogWarning(e, "Could not abort multipart upload {UploadId} of {Bucket}/{Key}", uploadId, bucket, key);
        }
    }
}
