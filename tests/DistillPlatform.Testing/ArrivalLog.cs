namespace DistillPlatform.Testing;

/// <summary>
/// What a test recorded (messages, events), in arrival order and safe to add to from any thread, with waiting for a
/// matching item to arrive. Each <see cref="Add"/> completes the task waiters hold and replaces it, so a waiter scans
/// the log again only when something new has arrived instead of polling.
/// </summary>
public sealed class ArrivalLog<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get { lock (_gate) return _items.Count; }
    }

    public void Add(T item)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _items.Add(item);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        // Completed outside the lock: waiters continue asynchronously anyway, but they must never run under it.
        changed.SetResult();
    }

    /// <summary>A copy of the items so far, in arrival order.</summary>
    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate) return _items.ToList();
    }

    /// <summary>
    /// The first item, in arrival order, that <paramref name="match"/> accepts, waiting up to <paramref name="timeout"/>;
    /// after that a <see cref="TimeoutException"/> with <paramref name="timeoutMessage"/>.
    /// </summary>
    public async Task<T> WaitForAsync(Func<T, bool> match, TimeSpan timeout, string timeoutMessage)
    {
        using var expired = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var item in _items)
                {
                    if (match(item))
                        return item;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(expired.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(timeoutMessage);
            }
        }
    }
}
