namespace DistillPlatform.Gan.Configuration;

/// <summary>The loss configurations compared in the paper's ablation.</summary>
public enum GanLossPreset
{
    /// <summary>WGAN-GP + auxiliary classification + feature matching (λ5 = λ6 = 0).</summary>
    Baseline,

    /// <summary>Baseline + diversity penalty L_DIV.</summary>
    Div,

    /// <summary>Baseline + softmax matching L_SML.</summary>
    Sml,

    /// <summary>Baseline + L_DIV + L_SML.</summary>
    DivSml,
}
