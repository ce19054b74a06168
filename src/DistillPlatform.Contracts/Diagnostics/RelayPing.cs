namespace DistillPlatform.Contracts.Diagnostics;

/// <summary>
/// Asks one service to ping another service and report both answers: proves that a message travels from one
/// service process to another and back, with the trace context carried across the hop.
/// </summary>
/// <param name="TargetService">The service the receiving service must ping, e.g. "checkpoint-pool".</param>
public sealed record RelayPing(string TargetService);
