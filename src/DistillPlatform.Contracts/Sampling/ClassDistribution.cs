namespace DistillPlatform.Contracts.Sampling;

/// <summary>How many synthetic points each class gets.</summary>
public enum ClassDistribution
{
    /// <summary><see cref="SampleSyntheticSet.PointsPerClass"/> for every class.</summary>
    Balanced,

    /// <summary>PointsPerClass × classes points in all, shared out in proportion to the real training split's class counts.</summary>
    Original,

    /// <summary>Exactly <see cref="SampleSyntheticSet.ClassCounts"/> (class name → count).</summary>
    Explicit,
}
