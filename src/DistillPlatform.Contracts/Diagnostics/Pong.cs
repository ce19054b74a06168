namespace DistillPlatform.Contracts.Diagnostics;

/// <summary>A service's answer to <see cref="Ping"/>.</summary>
/// <param name="Service">The answering service's name (its OTEL_SERVICE_NAME, e.g. "sampling").</param>
/// <param name="InstanceId">The answering process's service.instance.id (new on every start or restart).</param>
/// <param name="ProcessId">The operating-system process id of the answering process.</param>
/// <param name="TraceId">The W3C trace id the service saw while handling the ping (null when untraced).</param>
/// <param name="AnsweredAt">When the service answered.</param>
public sealed record Pong(string Service, string InstanceId, int ProcessId, string? TraceId, DateTimeOffset AnsweredAt);
