namespace DistillPlatform.Contracts.Diagnostics;

/// <summary>Answer to <see cref="RelayPing"/>: the relaying service's own identity plus the target's <see cref="Pong"/>.</summary>
/// <param name="Relay">Identity of the service that relayed the ping (its TraceId is the one it saw).</param>
/// <param name="Target">The answer the relaying service received from the target service.</param>
public sealed record RelayPong(Pong Relay, Pong Target);
