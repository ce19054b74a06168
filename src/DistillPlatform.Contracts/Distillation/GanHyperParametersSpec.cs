namespace DistillPlatform.Contracts.Distillation;

/// <summary>
/// Optional overrides of a loss preset (every null field keeps the preset's value): λ1 gradient penalty, λ2/λ3 class
/// terms on real/synthetic batches, λ4 feature matching, λ5 diversity with cap τ, λ6 softmax matching, critic steps per
/// generator step, learning rates and Adam betas.
/// </summary>
public sealed record GanHyperParametersSpec(
    double? GradientPenaltyWeight = null,
    double? RealClassificationWeight = null,
    double? SyntheticClassificationWeight = null,
    double? FeatureMatchingWeight = null,
    double? DiversityWeight = null,
    double? DiversityCap = null,
    double? SoftmaxMatchingWeight = null,
    int? CriticSteps = null,
    double? GeneratorLearningRate = null,
    double? CriticLearningRate = null,
    double? AdamBeta1 = null,
    double? AdamBeta2 = null);
