namespace DistillPlatform.Gan.Configuration;

/// <summary>
/// Loss weights and optimisation settings of one GAN run.
/// <list type="bullet">
/// <item>λ1 = 10 (<see cref="GradientPenaltyWeight"/>): the WGAN-GP paper's value, used unchanged by nearly every follow-up.</item>
/// <item>λ2 = λ3 = 1 (<see cref="RealClassificationWeight"/>, <see cref="SyntheticClassificationWeight"/>): the AC-GAN
/// convention of adding the class terms at unit weight; the Wasserstein terms are of order 1 too.</item>
/// <item>λ4 = 1 (<see cref="FeatureMatchingWeight"/>): feature matching acts as a regulariser of the adversarial signal.</item>
/// <item>λ5 = 1 with τ = 1 (<see cref="DiversityWeight"/>, <see cref="DiversityCap"/>): a ratio of mean absolute distances
/// of standardised outputs over standard-normal noise is of order 1, so τ = 1 caps the reward where outputs move as
/// much as the noise, and the term can never outweigh the others.</item>
/// <item>λ6 = 1 (<see cref="SoftmaxMatchingWeight"/>): a KL divergence between class posteriors is of order 1.</item>
/// <item>n_critic = 2 with a two-time-scale update rule (<see cref="CriticSteps"/>, <see cref="CriticLearningRate"/>
/// 4e-4, <see cref="GeneratorLearningRate"/> 1e-4): WGAN-GP's n_critic = 5 at equal learning rates spends five of six
/// updates on the critic, and a critic update costs about twice a generator update, so a step costs 2.1× more
/// (measured 926 vs 436 ms CPU at T 32, batch 16; Gan README). The two-time-scale rule (Heusel et al., 2017) keeps
/// the critic ahead through its learning rate instead of its update count, the recipe SAGAN and BigGAN train with
/// (4× the generator's rate, 1–2 critic steps). See the Gan README for the short EmoDB runs behind this choice.</item>
/// <item>Adam betas (0.5, 0.9): β1 = 0.5 rather than WGAN-GP's 0 because the auxiliary class and feature-matching terms
/// benefit from some momentum; β2 = 0.9 lets the second moment follow the changing critic quickly.</item>
/// </list>
/// </summary>
public sealed record GanHyperParameters(
    double GradientPenaltyWeight = 10.0,
    double RealClassificationWeight = 1.0,
    double SyntheticClassificationWeight = 1.0,
    double FeatureMatchingWeight = 1.0,
    double DiversityWeight = 0.0,
    double DiversityCap = 1.0,
    double SoftmaxMatchingWeight = 0.0,
    int CriticSteps = 2,
    double GeneratorLearningRate = 1e-4,
    double CriticLearningRate = 4e-4,
    double AdamBeta1 = 0.5,
    double AdamBeta2 = 0.9)
{
    /// <summary>λ5 of the "+div" presets.</summary>
    public const double DefaultDiversityWeight = 1.0;

    /// <summary>λ6 of the "+sml" presets.</summary>
    public const double DefaultSoftmaxMatchingWeight = 1.0;

    /// <summary>Preset names accepted by <see cref="FromPreset(string)"/>, in <see cref="GanLossPreset"/> order.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["baseline", "+div", "+sml", "+div+sml"];

    /// <summary>The defaults with λ5 and λ6 switched on as <paramref name="preset"/> says.</summary>
    public static GanHyperParameters FromPreset(GanLossPreset preset) => preset switch
    {
        GanLossPreset.Baseline => new(),
        GanLossPreset.Div => new(DiversityWeight: DefaultDiversityWeight),
        GanLossPreset.Sml => new(SoftmaxMatchingWeight: DefaultSoftmaxMatchingWeight),
        GanLossPreset.DivSml => new(DiversityWeight: DefaultDiversityWeight, SoftmaxMatchingWeight: DefaultSoftmaxMatchingWeight),
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "Unknown loss preset."),
    };

    /// <summary>The preset named "baseline", "+div", "+sml" or "+div+sml".</summary>
    public static GanHyperParameters FromPreset(string name)
    {
        int index = PresetNames.ToList().IndexOf(name);
        if (index < 0)
            throw new ArgumentException($"Unknown GAN loss preset '{name}'; use one of: {string.Join(", ", PresetNames)}.", nameof(name));
        return FromPreset((GanLossPreset)index);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot train.</summary>
    public GanHyperParameters Validate()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(GradientPenaltyWeight), GradientPenaltyWeight), (nameof(RealClassificationWeight), RealClassificationWeight),
            (nameof(SyntheticClassificationWeight), SyntheticClassificationWeight), (nameof(FeatureMatchingWeight), FeatureMatchingWeight),
            (nameof(DiversityWeight), DiversityWeight), (nameof(SoftmaxMatchingWeight), SoftmaxMatchingWeight),
        })
        {
            if (!(value >= 0) || double.IsInfinity(value))
                throw new ArgumentException($"GanHyperParameters.{name} is {value}; loss weights must be finite and not negative.", name);
        }
        if (!(DiversityCap > 0))
            throw new ArgumentException($"GanHyperParameters.DiversityCap is {DiversityCap}; τ must be positive.", nameof(DiversityCap));
        if (CriticSteps < 1)
            throw new ArgumentException($"GanHyperParameters.CriticSteps is {CriticSteps}; there must be at least one critic step per generator step.", nameof(CriticSteps));
        if (!(GeneratorLearningRate > 0) || !(CriticLearningRate > 0))
            throw new ArgumentException($"Learning rates must be positive; got generator {GeneratorLearningRate}, critic {CriticLearningRate}.");
        if (AdamBeta1 is < 0 or >= 1 || AdamBeta2 is < 0 or >= 1)
            throw new ArgumentException($"Adam betas must lie in [0, 1); got ({AdamBeta1}, {AdamBeta2}).");
        return this;
    }
}
