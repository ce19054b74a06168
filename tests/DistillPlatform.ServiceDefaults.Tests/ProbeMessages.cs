using System.Collections.Concurrent;
using DistillPlatform.Contracts.Commands;
using DistillPlatform.Testing;
using MassTransit;

namespace DistillPlatform.ServiceDefaults.Tests;

/// <summary>A command of the test service; <see cref="Behaviour"/> says how its consumer reacts.</summary>
public sealed record ProbeCommand(Guid Id, string Behaviour, ProbeDetail Detail, string? Note = null, int Priority = 0);

/// <summary>A nested record, so that missing nested fields are exercised too.</summary>
public sealed record ProbeDetail(string Label, int Count = 1);

public static class ProbeBehaviours
{
    /// <summary>Succeeds at once.</summary>
    public const string Succeed = "succeed";

    /// <summary>Throws an <see cref="InvalidRequestException"/> subtype: the request can never succeed.</summary>
    public const string Refuse = "refuse";

    /// <summary>Throws an ArgumentException, as a library does for input it cannot use: bad input, by the probe's policy.</summary>
    public const string BadArgument = "bad-argument";

    /// <summary>Throws an IOException on the first two attempts, then succeeds.</summary>
    public const string FailTwiceThenSucceed = "fail-twice";

    /// <summary>Throws an IOException on every attempt.</summary>
    public const string AlwaysFailTransiently = "always-fail";
}

/// <summary>The probe's own "bad input" exception, as a service would derive one.</summary>
public sealed class ProbeRequestException(string message, Exception? innerException = null) : InvalidRequestException(message, innerException);

/// <summary>What the probe publishes when it refuses a command for bad input, as a service publishes its ...Failed event.</summary>
public sealed record ProbeFailed(Guid Id, string Reason);

/// <summary>Counts every attempt per command id and completes when a command was handled successfully.</summary>
public sealed class ProbeLog
{
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<ProbeCommand>> _handled = new();

    public int AttemptsOf(Guid id) => _attempts.GetValueOrDefault(id);

    public int RecordAttempt(Guid id) => _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);

    public void RecordHandled(ProbeCommand command) => Handled(command.Id).TrySetResult(command);

    public Task<ProbeCommand> WaitForHandledAsync(Guid id, TimeSpan timeout) => Handled(id).Task.WaitAsync(timeout);

    private TaskCompletionSource<ProbeCommand> Handled(Guid id) =>
        _handled.GetOrAdd(id, _ => new TaskCompletionSource<ProbeCommand>(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Handles each command through a <see cref="BadInputPolicy{TRequest, TFailed}"/>, as the services do.</summary>
public sealed class ProbeConsumer(ProbeLog log) : IConsumer<ProbeCommand>
{
    private static readonly BadInputPolicy<ProbeCommand, ProbeFailed> FailOnBadInput = new(
        isBadInput: e => e is ArgumentException,
        failedEvent: (command, e) => new ProbeFailed(command.Id, e.Message),
        asInvalidRequest: (reason, e) => new ProbeRequestException(reason, e));

    public Task Consume(ConsumeContext<ProbeCommand> context) => FailOnBadInput.RunAsync(context, () => Handle(context.Message));

    private Task Handle(ProbeCommand command)
    {
        int attempt = log.RecordAttempt(command.Id);
        switch (command.Behaviour)
        {
            case ProbeBehaviours.Refuse:
                throw new ProbeRequestException($"Probe {command.Id} is refused on purpose.");
            case ProbeBehaviours.BadArgument:
                throw new ArgumentException($"Probe {command.Id} has a bad argument.");
            case ProbeBehaviours.FailTwiceThenSucceed when attempt <= 2:
            case ProbeBehaviours.AlwaysFailTransiently:
                throw new IOException($"Passing failure number {attempt} of probe {command.Id}.");
            default:
                log.RecordHandled(command);
                return Task.CompletedTask;
        }
    }
}

/// <summary>Records the <see cref="CommandRejected"/> events the service publishes, by the queue they name.</summary>
public sealed class RejectionLog
{
    private readonly ConcurrentQueue<CommandRejected> _rejections = new();
    private readonly ConcurrentQueue<(Func<CommandRejected, bool> Match, TaskCompletionSource<CommandRejected> Waiter)> _waiters = new();

    public void Record(CommandRejected rejected)
    {
        _rejections.Enqueue(rejected);
        foreach (var (match, waiter) in _waiters)
        {
            if (match(rejected)) waiter.TrySetResult(rejected);
        }
    }

    /// <summary>The first rejection (already recorded or still to come) that <paramref name="match"/> accepts.</summary>
    public Task<CommandRejected> WaitForAsync(Func<CommandRejected, bool> match, TimeSpan timeout)
    {
        var waiter = new TaskCompletionSource<CommandRejected>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((match, waiter));
        foreach (CommandRejected earlier in _rejections)
        {
            if (match(earlier)) waiter.TrySetResult(earlier);
        }
        return waiter.Task.WaitAsync(timeout);
    }
}

public sealed class ProbeFailedConsumer(ArrivalLog<ProbeFailed> log) : IConsumer<ProbeFailed>
{
    public Task Consume(ConsumeContext<ProbeFailed> context)
    {
        log.Add(context.Message);
        return Task.CompletedTask;
    }
}

public sealed class RejectionConsumer(RejectionLog log) : IConsumer<CommandRejected>
{
    public Task Consume(ConsumeContext<CommandRejected> context)
    {
        log.Record(context.Message);
        return Task.CompletedTask;
    }
}
