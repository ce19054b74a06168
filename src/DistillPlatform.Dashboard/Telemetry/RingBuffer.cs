namespace DistillPlatform.Dashboard.Telemetry;

/// <summary>A thread-safe buffer keeping the newest <see cref="Capacity"/> items; older ones are overwritten.</summary>
public sealed class RingBuffer<T>
{
    private readonly Lock _gate = new();
    private readonly T[] _items;
    private int _next;
    private int _count;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _items = new T[capacity];
    }

    public int Capacity => _items.Length;

    /// <summary>How many items were overwritten because the buffer was full.</summary>
    public long Dropped { get; private set; }

    public void AddRange(IEnumerable<T> items)
    {
        lock (_gate)
        {
            foreach (var item in items)
            {
                if (_count == _items.Length) Dropped++;
                else _count++;
                _items[_next] = item;
                _next = (_next + 1) % _items.Length;
            }
        }
    }

    /// <summary>A copy of the contents, oldest first.</summary>
    public T[] Snapshot()
    {
        lock (_gate)
        {
            var copy = new T[_count];
            var first = (_next - _count + _items.Length) % _items.Length;
            for (var i = 0; i < _count; i++) copy[i] = _items[(first + i) % _items.Length];
            return copy;
        }
    }
}
