using System.Collections.Concurrent;

namespace DistillPlatform.Sampling.Tests;

/// <summary>What the service published for each request id: its outcome (SyntheticSetSampled or SamplingFailed) and the MassTransit fault.</summary>
public sealed class SamplingOutcomes
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _outcomes = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _faults = new();

    public void Record(Guid requestId, object outcome) => Entry(_outcomes, requestId).TrySetResult(outcome);

    public void RecordFault(Guid requestId, object fault) => Entry(_faults, requestId).TrySetResult(fault);

    public Task<object> WaitAsync(Guid requestId, TimeSpan timeout) => Entry(_outcomes, requestId).Task.WaitAsync(timeout);

    public Task<object> WaitForFaultAsync(Guid requestId, TimeSpan timeout) => Entry(_faults, requestId).Task.WaitAsync(timeout);

    private static TaskCompletionSource<object> Entry(ConcurrentDictionary<Guid, TaskCompletionSource<object>> entries, Guid requestId) =>
        entries.GetOrAdd(requestId, _ => new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
}
