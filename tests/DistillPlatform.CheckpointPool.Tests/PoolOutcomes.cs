using System.Collections.Concurrent;
using DistillPlatform.Contracts.Pool;

namespace DistillPlatform.CheckpointPool.Tests;

/// <summary>
/// What the service published for each request id: its outcome (CheckpointPoolTrained or CheckpointPoolFailed), its
/// per-epoch progress, and the MassTransit fault once the command failed for good.
/// </summary>
public sealed class PoolOutcomes
{
    private readonly Lock _progressGate = new();
    private readonly Dictionary<Guid, List<CheckpointPoolProgress>> _progress = [];
    private readonly List<(Guid RequestId, int Count, TaskCompletionSource Reached)> _progressWaiters = [];
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _outcomes = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _faults = new();

    public void Record(Guid requestId, object outcome) => Entry(_outcomes, requestId).TrySetResult(outcome);

    public void RecordFault(Guid requestId, object fault) => Entry(_faults, requestId).TrySetResult(fault);

    public void RecordProgress(CheckpointPoolProgress progress)
    {
        lock (_progressGate)
        {
            if (!_progress.TryGetValue(progress.RequestId, out var reports))
                _progress[progress.RequestId] = reports = [];
            reports.Add(progress);
            foreach (var waiter in _progressWaiters.Where(w => w.RequestId == progress.RequestId && w.Count <= reports.Count))
                waiter.Reached.TrySetResult();
        }
    }

    /// <summary>
    /// The progress reports of a request once at least <paramref name="count"/> have arrived (the outcome may overtake
    /// them: the test endpoint handles messages concurrently).
    /// </summary>
    public async Task<IReadOnlyList<CheckpointPoolProgress>> WaitForProgressAsync(Guid requestId, int count, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_progressGate)
        {
            if (_progress.TryGetValue(requestId, out var reports) && reports.Count >= count)
                reached.TrySetResult();
            else
                _progressWaiters.Add((requestId, count, reached));
        }
        await reached.Task.WaitAsync(timeout);
        lock (_progressGate)
            return _progress[requestId].ToArray();
    }

    public Task<object> WaitAsync(Guid requestId, TimeSpan timeout) => Entry(_outcomes, requestId).Task.WaitAsync(timeout);

    public Task<object> WaitForFaultAsync(Guid requestId, TimeSpan timeout) => Entry(_faults, requestId).Task.WaitAsync(timeout);

    private static TaskCompletionSource<object> Entry(ConcurrentDictionary<Guid, TaskCompletionSource<object>> entries, Guid requestId) =>
        entries.GetOrAdd(requestId, _ => new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
}
