using System.Security.Cryptography;

namespace DistillPlatform.Artifacts.Tests;

/// <summary>
/// A write-only destination that compares every byte written with the regenerated <see cref="SeededContent"/> and
/// hashes it, so a large download can be checked byte for byte without keeping it.
/// </summary>
public sealed class ContentCheckingStream(ulong seed) : Stream
{
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _expected = [];

    public long BytesWritten { get; private set; }

    /// <summary>Position of the first byte that differed from the expected content, or null if none did.</summary>
    public long? FirstMismatch { get; private set; }

    public string Sha256 => Convert.ToHexStringLower(_sha256.GetCurrentHash());

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => BytesWritten;

    public override long Position
    {
        get => BytesWritten;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_expected.Length < buffer.Length)
        {
            _expected = new byte[buffer.Length];
        }

        var expected = _expected.AsSpan(0, buffer.Length);
        SeededContent.Fill(seed, BytesWritten, expected);
        var differsAt = buffer.CommonPrefixLength(expected);
        if (FirstMismatch is null && differsAt < buffer.Length)
        {
            FirstMismatch = BytesWritten + differsAt;
        }

        _sha256.AppendData(buffer);
        BytesWritten += buffer.Length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _sha256.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
