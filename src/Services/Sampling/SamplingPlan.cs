using DistillPlatform.Gan.Sampling;

namespace DistillPlatform.Services.Sampling;

/// <summary>A checked <c>SampleSyntheticSet</c> request: the points to draw per class and the id that names the result.</summary>
public sealed record SamplingPlan(string SyntheticSetId, string GeneratorId, ClassCountPlan Counts, int Seed);
