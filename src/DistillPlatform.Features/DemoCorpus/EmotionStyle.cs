namespace DistillPlatform.Features.DemoCorpus;

/// <summary>
/// How one emotion class is rendered, following the usual acoustic correlates of acted emotion: happy and angry are
/// higher, livelier, faster and louder than neutral (angry also harsher, i.e. overdriven and brighter), sad is lower,
/// flatter, slower, quieter, darker, breathy and slightly trembling. These are class means; every utterance draws its
/// own values around them (<see cref="UtteranceVariation"/>), so neighbouring classes overlap.
/// </summary>
/// <param name="PitchOffset">Added to the speaker's espeak-ng pitch (-p, 0..99 scale).</param>
/// <param name="PitchRangePercent">SSML prosody range; 100 is the voice's own intonation range.</param>
/// <param name="RateFactor">Multiplies the speaker's words per minute.</param>
/// <param name="Amplitude">espeak-ng amplitude (-a, 0..200, default 100).</param>
/// <param name="WordGap">espeak-ng pause between words (-g, units of 10 ms).</param>
/// <param name="Drive">Soft-clipping drive; 1 leaves the waveform clean, larger values make the voice harsh.</param>
/// <param name="Breathiness">Level of noise that follows the speech envelope, relative to the signal.</param>
/// <param name="TremoloDepth">Depth of a slow (4–6 Hz) amplitude modulation: a trembling voice.</param>
/// <param name="Tilt">Spectral tilt: positive brightens (more high frequencies), negative darkens.</param>
internal sealed record EmotionStyle(
    string Label,
    double PitchOffset,
    double PitchRangePercent,
    double RateFactor,
    double Amplitude,
    double WordGap,
    double Drive,
    double Breathiness,
    double TremoloDepth,
    double Tilt)
{
    public static EmotionStyle Neutral { get; } = new("neutral", 0, 100, 1.00, 100, 1, 1.0, 0.00, 0.00, 0.0);
    public static EmotionStyle Happy { get; } = new("happy", 12, 170, 1.10, 120, 0, 1.0, 0.00, 0.00, 0.3);
    public static EmotionStyle Sad { get; } = new("sad", -10, 55, 0.80, 80, 3, 1.0, 0.08, 0.08, -0.5);
    public static EmotionStyle Angry { get; } = new("angry", 6, 150, 1.15, 150, 0, 3.0, 0.00, 0.00, 0.5);

    /// <summary>The classes in manifest order.</summary>
    public static IReadOnlyList<EmotionStyle> All { get; } = [Neutral, Happy, Sad, Angry];
}
