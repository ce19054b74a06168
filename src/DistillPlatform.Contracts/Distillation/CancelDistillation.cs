namespace DistillPlatform.Contracts.Distillation;

/// <summary>
/// Published (not sent) to stop the distillation started by the <see cref="DistillGenerator"/> with this
/// <see cref="RequestId"/>, on whichever instance runs it; the last checkpoint stays stored, no generator is published.
/// </summary>
public sealed record CancelDistillation(Guid RequestId, string? Reason = null);
