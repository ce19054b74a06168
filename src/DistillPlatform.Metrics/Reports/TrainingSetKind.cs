namespace DistillPlatform.Metrics.Reports;

/// <summary>Where the training examples came from. Serialised as "real" / "synthetic".</summary>
public enum TrainingSetKind
{
    /// <summary>Features of real recordings (the baseline the paper compares against).</summary>
    Real,

    /// <summary>Features sampled from a distilled generator.</summary>
    Synthetic,
}
