namespace DistillPlatform.EndToEnd.Tests;

/// <summary>Events received by the test's client bus, in arrival order, with waiting for one to arrive.</summary>
public sealed class EventLog
{
    private readonly object _gate = new();
    private readonly List<RecordedEvent> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(RecordedEvent recorded)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _events.Add(recorded);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    public IReadOnlyList<RecordedEvent> All()
    {
        lock (_gate) return _events.ToList();
    }

    /// <summary>The first event of type <typeparamref name="T"/> matching <paramref name="filter"/>, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> filter, TimeSpan timeout)
    {
        using var expired = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var recorded in _events)
                {
                    if (recorded.Message is T message && filter(message))
                        return message;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(expired.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching {typeof(T).Name} arrived within {timeout}.");
            }
        }
    }
}
