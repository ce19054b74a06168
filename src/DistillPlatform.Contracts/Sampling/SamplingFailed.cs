namespace DistillPlatform.Contracts.Sampling;

/// <summary>A <see cref="SampleSyntheticSet"/> request cannot succeed as sent; <see cref="Reason"/> says why and what to change.</summary>
public sealed record SamplingFailed(Guid RequestId, string Reason);
