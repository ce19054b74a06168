namespace DistillPlatform.Emotion.Evaluation;

/// <summary>
/// Where a synthetic training set came from. A feature set folder does not record its generator, so the caller
/// (who asked for the sampling) states it; the report needs it to tell synthetic rows apart.
/// </summary>
/// <param name="GeneratorId">Artifact id of the generator that sampled the set.</param>
/// <param name="LossPreset">Distillation loss preset of that generator ("baseline", "+div", "+sml", "+div+sml").</param>
/// <param name="PointsPerClass">Examples per class that were sampled (the sampling budget).</param>
public sealed record SyntheticOrigin(string GeneratorId, string LossPreset, int PointsPerClass);
