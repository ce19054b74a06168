using DistillPlatform.Gan.Distillation;

namespace DistillPlatform.Services.Distillation;

/// <summary>A checked <c>DistillGenerator</c> request: the generator id that names the result and what to train.</summary>
/// <param name="GeneratorId">Derived from every setting that changes the trained weights, so equal requests share one generator.</param>
/// <param name="PoolId">The checkpoint pool softmax matching uses; null when the loss has no softmax matching (then any pool id sent is ignored).</param>
public sealed record DistillationPlan(string GeneratorId, string FeatureSetId, string? PoolId, GeneratorDistillationSettings Settings);
