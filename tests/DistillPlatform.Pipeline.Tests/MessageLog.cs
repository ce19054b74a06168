using DistillPlatform.Testing;

namespace DistillPlatform.Pipeline.Tests;

/// <summary>Messages seen by the fakes and the event recorder, in arrival order, with waiting for one to arrive.</summary>
public sealed class MessageLog
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(60);

    private readonly ArrivalLog<object> _messages = new();

    public int Count => _messages.Count;

    public void Add(object message) => _messages.Add(message);

    public IReadOnlyList<T> OfType<T>() => _messages.Snapshot().OfType<T>().ToList();

    public IReadOnlyList<object> Since(int count) => _messages.Snapshot().Skip(count).ToList();

    /// <summary>The first message of type <typeparamref name="T"/> matching <paramref name="filter"/>, waiting up to <see cref="WaitLimit"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? filter = null)
    {
        var message = await _messages.WaitForAsync(
            candidate => candidate is T typed && (filter is null || filter(typed)),
            WaitLimit,
            $"No {typeof(T).Name} arrived within {WaitLimit}.");
        return (T)message;
    }
}
