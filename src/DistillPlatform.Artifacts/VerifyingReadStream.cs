using System.Diagnostics;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3.Model;

namespace DistillPlatform.Artifacts;

/// <summary>
/// The body of a downloaded artifact. Hashes the bytes as the caller reads them and, on reaching the end, throws
/// <see cref="ArtifactIntegrityException"/> if the length or SHA-256 differ from the artifact reference, so corrupted
/// data is never mistaken for a complete read. Ends the download's activity when disposed.
/// </summary>
internal sealed class VerifyingReadStream : Stream
{
    /// <summary>
    /// While reading a body, the SDK itself compares it with the server's MD5 ETag where there is one, and reports a
    /// difference as a client-side exception before this stream sees the end of the data.
    /// </summary>
    private const string ClientChecksumMismatch = "the S3 client found that the body does not match the server's checksum";

    private readonly GetObjectResponse _response;
    private readonly string _uri;
    private readonly long _expectedBytes;
    private readonly string _expectedSha256;
    private readonly Activity? _activity;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _bytesRead;
    private bool _verified;

    public VerifyingReadStream(
        GetObjectResponse response, string uri, long expectedBytes, string expectedSha256, Activity? activity)
    {
        _response = response;
        _uri = uri;
        _expectedBytes = expectedBytes;
        _expectedSha256 = expectedSha256;
        _activity = activity;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _expectedBytes;

    public override long Position
    {
        get => _bytesRead;
        set => throw new NotSupportedException("An artifact download can only be read forward.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _response.ResponseStream.Read(buffer);
        }
        catch (AmazonClientException e)
        {
            throw Fail(ClientChecksumMismatch, e);
        }

        return Account(buffer, read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await _response.ResponseStream.ReadAsync(buffer, cancellationToken);
        }
        catch (AmazonClientException e)
        {
            throw Fail(ClientChecksumMismatch, e);
        }

        return Account(buffer.Span, read);
    }

    private int Account(ReadOnlySpan<byte> buffer, int read)
    {
        if (read > 0)
        {
            _sha256.AppendData(buffer[..read]);
            _bytesRead += read;
            if (_bytesRead > _expectedBytes)
            {
                throw Fail($"more than the expected {_expectedBytes} bytes were returned");
            }
        }
        else if (buffer.Length > 0 && !_verified)
        {
            Verify();
        }

        return read;
    }

    private void Verify()
    {
        _verified = true;
        if (_bytesRead != _expectedBytes)
        {
            throw Fail($"{_bytesRead} bytes were returned but {_expectedBytes} were expected");
        }

        var actual = Convert.ToHexStringLower(_sha256.GetCurrentHash());
        if (!string.Equals(actual, _expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw Fail($"the content has SHA-256 {actual} but {_expectedSha256} was expected");
        }
    }

    private ArtifactIntegrityException Fail(string problem, Exception? cause = null)
    {
        var exception = new ArtifactIntegrityException(_uri, problem, cause);
        _activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
        return exception;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _activity?.SetTag(ArtifactsTelemetry.Tags.Bytes, _bytesRead);
            _activity?.Dispose();
            _sha256.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) =>
        throw new NotSupportedException("An artifact download can only be read forward.");

    public override void SetLength(long value) => throw new NotSupportedException("An artifact download is read-only.");

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("An artifact download is read-only.");
}
