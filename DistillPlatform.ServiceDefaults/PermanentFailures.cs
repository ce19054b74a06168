using System.Text.Json;
using DistillPlatform.Contracts.Commands;
using MassTransit;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// Decides which failures are worth retrying. Retries exist for passing trouble (the object store or the broker briefly
/// unreachable); a message that is wrong in itself fails the same way every time, so retrying it only delays the
/// sender's error and keeps the consumer busy for seconds.
/// </summary>
public static class PermanentFailures
{
    /// <summary>
    /// True for failures that no retry can cure: an <see cref="InvalidRequestException"/> (or a type derived from it),
    /// and a body that cannot be read as the message type (MassTransit's and System.Text.Json's deserialization errors).
    /// </summary>
    public static bool IsPermanent(Exception exception) => exception
        is InvalidRequestException
        or JsonException
        or System.Runtime.Serialization.SerializationException;

    /// <summary>Retries transient failures after each of <paramref name="intervals"/>; permanent ones fail at once.</summary>
    public static void RetryTransientFailures(IRetryConfigurator retry, IReadOnlyList<TimeSpan> intervals)
    {
        retry.Ignore<Exception>(IsPermanent);
        retry.Intervals([.. intervals]);
    }
}
