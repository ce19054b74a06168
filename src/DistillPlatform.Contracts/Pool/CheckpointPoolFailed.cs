namespace DistillPlatform.Contracts.Pool;

/// <summary>A <see cref="TrainCheckpointPool"/> request cannot succeed as sent; <see cref="Reason"/> says why and what to change.</summary>
public sealed record CheckpointPoolFailed(Guid RequestId, string Reason);
