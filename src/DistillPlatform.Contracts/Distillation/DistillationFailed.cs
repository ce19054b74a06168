namespace DistillPlatform.Contracts.Distillation;

/// <summary>A <see cref="DistillGenerator"/> request cannot succeed as sent; <see cref="Reason"/> says why and what to change.</summary>
public sealed record DistillationFailed(Guid RequestId, string Reason);
