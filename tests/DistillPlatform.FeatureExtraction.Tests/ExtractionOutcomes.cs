using System.Collections.Concurrent;
using DistillPlatform.Contracts.Features;

namespace DistillPlatform.FeatureExtraction.Tests;

/// <summary>
/// What the service published for each request id: its outcome (FeaturesExtracted or FeatureExtractionFailed), its
/// progress reports, and the MassTransit fault once the command failed for good.
/// </summary>
public sealed class ExtractionOutcomes
{
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<FeatureExtractionProgress>> _progress = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _finalProgress = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _outcomes = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _faults = new();

    public void Record(Guid requestId, object outcome) => Entry(_outcomes, requestId).TrySetResult(outcome);

    public void RecordFault(Guid requestId, object fault) => Entry(_faults, requestId).TrySetResult(fault);

    public void RecordProgress(FeatureExtractionProgress progress)
    {
        _progress.GetOrAdd(progress.RequestId, _ => new ConcurrentQueue<FeatureExtractionProgress>()).Enqueue(progress);
        if (progress.UtterancesDone == progress.UtterancesTotal)
        {
            Entry(_finalProgress, progress.RequestId).TrySetResult(progress);
        }
    }

    /// <summary>Every progress report of a request, in the order they were handled, once the 100 % report has arrived.</summary>
    public async Task<IReadOnlyList<FeatureExtractionProgress>> WaitForAllProgressAsync(Guid requestId, TimeSpan timeout)
    {
        await Entry(_finalProgress, requestId).Task.WaitAsync(timeout);
        return _progress[requestId].ToArray();
    }

    public Task<object> WaitAsync(Guid requestId, TimeSpan timeout) => Entry(_outcomes, requestId).Task.WaitAsync(timeout);

    public Task<object> WaitForFaultAsync(Guid requestId, TimeSpan timeout) => Entry(_faults, requestId).Task.WaitAsync(timeout);

    private static TaskCompletionSource<object> Entry(ConcurrentDictionary<Guid, TaskCompletionSource<object>> entries, Guid requestId) =>
        entries.GetOrAdd(requestId, _ => new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
}
