using DistillPlatform.Testing;

namespace DistillPlatform.EndToEnd.Tests;

/// <summary>Events received by the test's client bus, in arrival order, with waiting for one to arrive.</summary>
public sealed class EventLog
{
    private readonly ArrivalLog<RecordedEvent> _events = new();

    public void Add(RecordedEvent recorded) => _events.Add(recorded);

    public IReadOnlyList<RecordedEvent> All() => _events.Snapshot();

    /// <summary>The first event of type <typeparamref name="T"/> matching <paramref name="filter"/>, waiting up to <paramref name="timeout"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> filter, TimeSpan timeout)
    {
        var recorded = await _events.WaitForAsync(
            candidate => candidate.Message is T message && filter(message),
            timeout,
            $"No matching {typeof(T).Name} arrived within {timeout}.");
        return (T)recorded.Message;
    }
}
