namespace DistillPlatform.Features.FeatureSets;

/// <summary>Where a feature set's utterances come from.</summary>
public enum FeatureSetKind
{
    /// <summary>Encoded from a real corpus.</summary>
    Real,

    /// <summary>Sampled from a generator; speakers are unknown (speaker index -1).</summary>
    Synthetic,
}
