namespace DistillPlatform.Artifacts.Tests;

/// <summary>
/// Passes content through but stops once <c>pauseAt</c> bytes were read: <see cref="Paused"/> completes, and reading
/// continues only when the test calls <see cref="Resume"/> or makes the source fail with <see cref="Fail"/>. Lets a
/// test look at the store while an upload is in the middle.
/// </summary>
public sealed class PausingStream(Stream inner, long pauseAt) : Stream
{
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resumed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    public Task Paused => _paused.Task;

    public void Resume() => _resumed.TrySetResult();

    public void Fail(Exception error) => _resumed.TrySetException(error);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => inner.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= pauseAt)
        {
            _paused.TrySetResult();
            await _resumed.Task.WaitAsync(cancellationToken);
        }

        // Never read across the pause point, so the pause happens exactly there.
        var limit = _position < pauseAt ? (int)Math.Min(buffer.Length, pauseAt - _position) : buffer.Length;
        var read = await inner.ReadAsync(buffer[..limit], cancellationToken);
        _position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The artifact store reads asynchronously; so does this test stream.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
