namespace DistillPlatform.Features.DemoCorpus;

/// <summary>
/// Standard deviations of the per-utterance random variation around each class's style, plus the recording conditions.
/// The spread is what keeps the classes from being trivially separable: it was tuned so that a simple classifier on
/// utterance-level log-mel statistics reaches a UAR well below 100% (see docs/demo-corpus.md).
/// </summary>
internal static class UtteranceVariation
{
    public const double PitchOffset = 6;
    public const double PitchRangePercent = 30;
    public const double RateFactor = 0.08;
    public const double Amplitude = 18;
    public const double WordGap = 1;
    public const double Drive = 0.8;
    public const double Breathiness = 0.03;
    public const double TremoloDepth = 0.03;
    public const double Tilt = 0.25;

    /// <summary>Background noise is mixed in at a signal-to-noise ratio drawn uniformly from this range.</summary>
    public const double MinSnrDb = 18;
    public const double MaxSnrDb = 35;

    /// <summary>Recording level: a gain drawn uniformly from ±this many decibels.</summary>
    public const double GainRangeDb = 4;
}
