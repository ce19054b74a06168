namespace DistillPlatform.Pipeline.Tests;

/// <summary>Messages seen by the fakes and the event recorder, in arrival order, with waiting for one to arrive.</summary>
public sealed class MessageLog
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private readonly object _gate = new();
    private readonly List<object> _messages = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Count
    {
        get { lock (_gate) return _messages.Count; }
    }

    public void Add(object message)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _messages.Add(message);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    public IReadOnlyList<T> OfType<T>()
    {
        lock (_gate) return _messages.OfType<T>().ToList();
    }

    public IReadOnlyList<object> Since(int count)
    {
        lock (_gate) return _messages.Skip(count).ToList();
    }

    /// <summary>The first message of type <typeparamref name="T"/> matching <paramref name="filter"/>, waiting up to <see cref="WaitLimit"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? filter = null)
    {
        using var timeout = new CancellationTokenSource(WaitLimit);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                foreach (var message in _messages.OfType<T>())
                {
                    if (filter is null || filter(message))
                        return message;
                }
                changed = _changed.Task;
            }
            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} arrived within {WaitLimit}.");
            }
        }
    }
}
