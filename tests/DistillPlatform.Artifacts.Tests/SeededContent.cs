using System.Buffers.Binary;

namespace DistillPlatform.Artifacts.Tests;

/// <summary>
/// Deterministic pseudo-random test content of any length that never has to be held in memory: byte i depends only on
/// the seed and i (SplitMix64 of the 8-byte block index), so the same bytes can be regenerated to compare against.
/// </summary>
public static class SeededContent
{
    public static Stream Open(ulong seed, long length) => new SeededStream(seed, length);

    public static byte[] Bytes(ulong seed, int length)
    {
        var bytes = new byte[length];
        Fill(seed, 0, bytes);
        return bytes;
    }

    public static void Fill(ulong seed, long position, Span<byte> destination)
    {
        Span<byte> block = stackalloc byte[8];
        while (!destination.IsEmpty)
        {
            var blockIndex = (ulong)(position >> 3);
            var offsetInBlock = (int)(position & 7);
            BinaryPrimitives.WriteUInt64LittleEndian(block, Mix(seed + blockIndex));
            var count = Math.Min(8 - offsetInBlock, destination.Length);
            block.Slice(offsetInBlock, count).CopyTo(destination);
            destination = destination[count..];
            position += count;
        }
    }

    /// <summary>SplitMix64 finaliser (Steele, Lea and Flood, 2014).</summary>
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private sealed class SeededStream(ulong seed, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var count = (int)Math.Min(buffer.Length, length - _position);
            Fill(seed, _position, buffer[..count]);
            _position += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
