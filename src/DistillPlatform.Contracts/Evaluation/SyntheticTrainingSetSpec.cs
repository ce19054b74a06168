namespace DistillPlatform.Contracts.Evaluation;

/// <summary>Where a synthetic training set came from (a feature set folder does not record its generator).</summary>
/// <param name="LossPreset">Distillation loss preset of the generator ("baseline", "+div", "+sml", "+div+sml").</param>
/// <param name="PointsPerClass">Examples per class that were sampled.</param>
public sealed record SyntheticTrainingSetSpec(string GeneratorId, string LossPreset, int PointsPerClass);
