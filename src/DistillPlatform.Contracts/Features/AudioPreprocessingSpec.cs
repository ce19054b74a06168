namespace DistillPlatform.Contracts.Features;

/// <summary>
/// The audio front end applied before encoding: resample to <see cref="TargetSampleRate"/>, optionally trim leading and
/// trailing silence (below <see cref="TrimThresholdDb"/> relative to the peak, keeping <see cref="TrimMarginMilliseconds"/>),
/// then normalise the level to <see cref="TargetLevelDbfs"/>. The defaults are the platform's.
/// </summary>
public sealed record AudioPreprocessingSpec(
    int TargetSampleRate = 16000,
    LevelNormalization Normalization = LevelNormalization.Rms,
    double TargetLevelDbfs = -23,
    bool TrimSilence = true,
    double TrimThresholdDb = -40,
    double TrimMarginMilliseconds = 100);
