namespace DistillPlatform.Gan.Training;

/// <summary>
/// The losses of one training step (step number after the step). Critic values are averaged over the step's n_critic
/// critic updates; generator values come from its single update. Terms whose weight is zero are reported as 0.
/// </summary>
/// <param name="WassersteinEstimate">E[d(x)] − E[d(g(z))], the critic's estimate of the Wasserstein distance (−L_W).</param>
public sealed record GanStepReport(
    long Step,
    double CriticLoss,
    double WassersteinEstimate,
    double GradientPenalty,
    double CriticRealClassification,
    double CriticSyntheticClassification,
    double GeneratorLoss,
    double GeneratorAdversarial,
    double GeneratorClassification,
    double FeatureMatching,
    double Diversity,
    double SoftmaxMatching);
