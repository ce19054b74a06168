namespace DistillPlatform.Contracts.Distillation;

/// <summary>The distillation of request <see cref="RequestId"/> stopped at <see cref="Step"/> because it was cancelled.</summary>
public sealed record DistillationCancelled(Guid RequestId, string GeneratorId, long Step);
