namespace DistillPlatform.Testing;

/// <summary>
/// What a service published for each request id of a test: its outcome (the ...Completed or ...Failed event), the
/// progress events it sent on the way, and the MassTransit fault once the command failed for good. Tests wait on
/// these instead of sleeping. <typeparamref name="TProgress"/> is the service's progress event type.
/// </summary>
/// <remarks>
/// The first outcome and fault of a request are what <see cref="WaitAsync"/> and <see cref="WaitForFaultAsync"/>
/// answer; every message is also kept, in arrival order, for tests that check what else (or how often) a service
/// published for a request: see <see cref="All{T}"/> and <see cref="WaitForAsync{T}"/>.
/// </remarks>
public sealed class RequestOutcomes<TProgress>
{
    private readonly ArrivalLog<(Guid RequestId, object Message)> _everything = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, TaskCompletionSource<object>> _outcomes = [];
    private readonly Dictionary<Guid, TaskCompletionSource<object>> _faults = [];
    private readonly Dictionary<Guid, List<TProgress>> _progress = [];
    private readonly List<ProgressWaiter> _progressWaiters = [];

    public void Record(Guid requestId, object outcome)
    {
        _everything.Add((requestId, outcome));
        Entry(_outcomes, requestId).TrySetResult(outcome);
    }

    public void RecordFault(Guid requestId, object fault)
    {
        _everything.Add((requestId, fault));
        Entry(_faults, requestId).TrySetResult(fault);
    }

    public void RecordProgress(Guid requestId, TProgress progress)
    {
        _everything.Add((requestId, progress!));
        lock (_gate)
        {
            if (!_progress.TryGetValue(requestId, out var reports))
                _progress[requestId] = reports = [];
            reports.Add(progress);
            foreach (var waiter in _progressWaiters.Where(w => w.RequestId == requestId && w.Enough(reports)).ToArray())
            {
                waiter.Reached.TrySetResult(reports.ToArray());
                _progressWaiters.Remove(waiter);
            }
        }
    }

    public Task<object> WaitAsync(Guid requestId, TimeSpan timeout) => Entry(_outcomes, requestId).Task.WaitAsync(timeout);

    public Task<object> WaitForFaultAsync(Guid requestId, TimeSpan timeout) => Entry(_faults, requestId).Task.WaitAsync(timeout);

    /// <summary>
    /// The progress reports of a request, in the order they were handled, as soon as <paramref name="enough"/> holds for
    /// them (the outcome may overtake progress: the test endpoint handles messages concurrently).
    /// </summary>
    public Task<IReadOnlyList<TProgress>> WaitForProgressAsync(Guid requestId, Func<IReadOnlyList<TProgress>, bool> enough, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource<IReadOnlyList<TProgress>>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_progress.TryGetValue(requestId, out var reports) && enough(reports))
                reached.TrySetResult(reports.ToArray());
            else
                _progressWaiters.Add(new ProgressWaiter(requestId, enough, reached));
        }
        return reached.Task.WaitAsync(timeout);
    }

    /// <summary>The progress reports of a request once at least <paramref name="count"/> have arrived.</summary>
    public Task<IReadOnlyList<TProgress>> WaitForProgressAsync(Guid requestId, int count, TimeSpan timeout) =>
        WaitForProgressAsync(requestId, reports => reports.Count >= count, timeout);

    /// <summary>Every message of type <typeparamref name="T"/> recorded for the request so far (outcomes, faults, progress), in arrival order.</summary>
    public IReadOnlyList<T> All<T>(Guid requestId) =>
        _everything.Snapshot().Where(r => r.RequestId == requestId).Select(r => r.Message).OfType<T>().ToArray();

    /// <summary>
    /// The first message of type <typeparamref name="T"/> recorded for the request that <paramref name="match"/> accepts
    /// (any, when it is null), already recorded or still to come.
    /// </summary>
    public async Task<T> WaitForAsync<T>(Guid requestId, TimeSpan timeout, Func<T, bool>? match = null)
    {
        var (_, message) = await _everything.WaitForAsync(
            r => r.RequestId == requestId && r.Message is T typed && (match?.Invoke(typed) ?? true),
            timeout, $"No matching {typeof(T).Name} for request {requestId} within {timeout}.");
        return (T)message;
    }

    private TaskCompletionSource<object> Entry(Dictionary<Guid, TaskCompletionSource<object>> entries, Guid requestId)
    {
        lock (_gate)
        {
            if (!entries.TryGetValue(requestId, out var entry))
                entries[requestId] = entry = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            return entry;
        }
    }

    private sealed record ProgressWaiter(
        Guid RequestId, Func<IReadOnlyList<TProgress>, bool> Enough, TaskCompletionSource<IReadOnlyList<TProgress>> Reached);
}
