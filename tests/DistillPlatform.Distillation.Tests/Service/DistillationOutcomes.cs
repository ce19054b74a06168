using DistillPlatform.Contracts.Distillation;
using MassTransit;

namespace DistillPlatform.Distillation.Tests.Service;

/// <summary>
/// Everything the service published, by request id: outcomes (GeneratorDistilled, DistillationFailed,
/// DistillationCancelled), progress and MassTransit faults, with waits for a matching message.
/// </summary>
public sealed class DistillationOutcomes
{
    private readonly Lock _gate = new();
    private readonly List<object> _messages = [];
    private readonly List<(Func<object, bool> Matches, TaskCompletionSource<object> Found)> _waiters = [];

    public void Record(object message)
    {
        lock (_gate)
        {
            _messages.Add(message);
            foreach (var waiter in _waiters.Where(w => w.Matches(message)).ToArray())
            {
                waiter.Found.TrySetResult(message);
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Every recorded message of type <typeparamref name="T"/> for the request, in arrival order.</summary>
    public IReadOnlyList<T> All<T>(Guid requestId) where T : class
    {
        lock (_gate)
            return _messages.OfType<T>().Where(m => RequestIdOf(m) == requestId).ToArray();
    }

    /// <summary>The first message of type <typeparamref name="T"/> for the request that satisfies <paramref name="predicate"/>.</summary>
    public async Task<T> WaitForAsync<T>(Guid requestId, TimeSpan timeout, Func<T, bool>? predicate = null) where T : class
    {
        bool Matches(object message) => message is T typed && RequestIdOf(typed) == requestId && (predicate?.Invoke(typed) ?? true);
        var found = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_messages.FirstOrDefault(Matches) is { } existing)
                return (T)existing;
            _waiters.Add((Matches, found));
        }
        return (T)await found.Task.WaitAsync(timeout);
    }

    /// <summary>The request's outcome: GeneratorDistilled, DistillationFailed or DistillationCancelled, whichever comes first.</summary>
    public async Task<object> WaitForOutcomeAsync(Guid requestId, TimeSpan timeout) =>
        await WaitForAsync<object>(requestId, timeout, m => m is GeneratorDistilled or DistillationFailed or DistillationCancelled);

    private static Guid? RequestIdOf(object message) => message switch
    {
        GeneratorDistilled m => m.RequestId,
        DistillationFailed m => m.RequestId,
        DistillationCancelled m => m.RequestId,
        DistillationProgress m => m.RequestId,
        Fault<DistillGenerator> m => m.Message.RequestId,
        _ => null,
    };
}
