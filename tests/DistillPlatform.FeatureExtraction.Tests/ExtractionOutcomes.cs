using System.Collections.Concurrent;

namespace DistillPlatform.FeatureExtraction.Tests;

/// <summary>The outcome (FeaturesExtracted or FeatureExtractionFailed) the service published for each request id.</summary>
public sealed class ExtractionOutcomes
{
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<object>> _outcomes = new();

    public void Record(Guid requestId, object outcome) => Outcome(requestId).TrySetResult(outcome);

    public Task<object> WaitAsync(Guid requestId, TimeSpan timeout) => Outcome(requestId).Task.WaitAsync(timeout);

    private TaskCompletionSource<object> Outcome(Guid requestId) =>
        _outcomes.GetOrAdd(requestId, _ => new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously));
}
