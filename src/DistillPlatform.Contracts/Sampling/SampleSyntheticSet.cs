namespace DistillPlatform.Contracts.Sampling;

/// <summary>
/// Command to the sampling service: draw a synthetic training set from generator <see cref="GeneratorId"/>
/// (<c>generators/&lt;id&gt;/</c>) and store it as a feature set in exactly the real feature-set format
/// (<c>features/&lt;synthetic set id&gt;/</c>, train split only), so the evaluation service reads it like real data.
/// The same generator, counts and seed always give the same set (and the same id). Answered by
/// <see cref="SyntheticSetSampled"/> or <see cref="SamplingFailed"/>.
/// </summary>
/// <param name="PointsPerClass">Points per class for <see cref="ClassDistribution.Balanced"/>; the per-class average for <see cref="ClassDistribution.Original"/>.</param>
/// <param name="ClassCounts">Class name → points, for <see cref="ClassDistribution.Explicit"/> only.</param>
public sealed record SampleSyntheticSet(
    Guid RequestId,
    string GeneratorId,
    int PointsPerClass,
    ClassDistribution Distribution = ClassDistribution.Balanced,
    IReadOnlyDictionary<string, int>? ClassCounts = null,
    int Seed = 1);
