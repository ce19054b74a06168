namespace DistillPlatform.Contracts.Diagnostics;

/// <summary>
/// Asks one service to identify itself. Every service answers it on its diagnostics queue
/// (<see cref="DiagnosticsQueue.For"/>) with a <see cref="Pong"/>; a status command pings all of them.
/// </summary>
/// <param name="RequestedBy">Who asks (a service name or "cli"), for the answering service's logs.</param>
public sealed record Ping(string RequestedBy);
