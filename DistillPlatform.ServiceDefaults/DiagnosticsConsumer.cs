using System.Diagnostics;
using DistillPlatform.Contracts.Diagnostics;
using MassTransit;

namespace DistillPlatform.ServiceDefaults;

/// <summary>
/// Answers <see cref="Ping"/> with this process's identity and the trace id it saw, and relays a <see cref="RelayPing"/>
/// to another service. Every service hosts it on its diagnostics queue.
/// </summary>
public sealed class DiagnosticsConsumer(ServiceIdentity identity, IScopedClientFactory clients)
    : IConsumer<Ping>, IConsumer<RelayPing>
{
    private static readonly RequestTimeout RelayTimeout = RequestTimeout.After(s: 30);

    public Task Consume(ConsumeContext<Ping> context) => context.RespondAsync(Identify());

    public async Task Consume(ConsumeContext<RelayPing> context)
    {
        // Created from the consume scope, so the outgoing request continues the incoming trace.
        var client = clients.CreateRequestClient<Ping>(DiagnosticsQueue.AddressFor(context.Message.TargetService), RelayTimeout);
        var answer = await client.GetResponse<Pong>(new Ping(identity.Name), context.CancellationToken);
        await context.RespondAsync(new RelayPong(Identify(), answer.Message));
    }

    private Pong Identify() => new(
        identity.Name,
        identity.InstanceId,
        Environment.ProcessId,
        Activity.Current?.TraceId.ToHexString(),
        DateTimeOffset.UtcNow);
}
