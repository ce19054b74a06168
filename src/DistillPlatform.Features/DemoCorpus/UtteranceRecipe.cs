using System.Globalization;

namespace DistillPlatform.Features.DemoCorpus;

/// <summary>Everything needed to render one utterance; fully decided before any audio is made, so rendering is pure.</summary>
/// <param name="RelativePath">Path of the WAV file relative to the corpus folder, as written to the manifest.</param>
/// <param name="NoiseSeed">Seed of the utterance's breath, tremolo-phase and background-noise stream.</param>
internal sealed record UtteranceRecipe(
    string RelativePath,
    string Label,
    string SpeakerId,
    string Voice,
    string Text,
    int Pitch,
    int PitchRangePercent,
    int WordsPerMinute,
    int Amplitude,
    int WordGap,
    double Drive,
    double Breathiness,
    double TremoloDepth,
    double TremoloHz,
    double Tilt,
    double SnrDb,
    double GainDb,
    int NoiseSeed)
{
    /// <summary>The recipe as one invariant text line, used for the corpus' configuration hash.</summary>
    public string ToCanonicalLine() => string.Join('|',
        RelativePath, Label, SpeakerId, Voice, Text,
        Pitch.ToString(CultureInfo.InvariantCulture), PitchRangePercent.ToString(CultureInfo.InvariantCulture),
        WordsPerMinute.ToString(CultureInfo.InvariantCulture), Amplitude.ToString(CultureInfo.InvariantCulture),
        WordGap.ToString(CultureInfo.InvariantCulture),
        Drive.ToString("R", CultureInfo.InvariantCulture), Breathiness.ToString("R", CultureInfo.InvariantCulture),
        TremoloDepth.ToString("R", CultureInfo.InvariantCulture), TremoloHz.ToString("R", CultureInfo.InvariantCulture),
        Tilt.ToString("R", CultureInfo.InvariantCulture), SnrDb.ToString("R", CultureInfo.InvariantCulture),
        GainDb.ToString("R", CultureInfo.InvariantCulture), NoiseSeed.ToString(CultureInfo.InvariantCulture));
}
