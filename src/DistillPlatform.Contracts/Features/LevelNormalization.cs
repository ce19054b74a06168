namespace DistillPlatform.Contracts.Features;

/// <summary>How each recording's level is normalised before encoding.</summary>
public enum LevelNormalization
{
    None,
    Peak,
    Rms,
}
