using System.Globalization;

namespace DistillPlatform.Features.Audio;

/// <summary>
/// Everything that shapes the waveform an encoder sees: target rate, silence trimming and level normalisation.
/// <see cref="Id"/> is a stable, human-readable string for artifact ids: equal settings give equal ids.
/// </summary>
/// <param name="TargetSampleRate">Rate every recording is resampled to (Hz).</param>
/// <param name="Normalization">Level normalisation applied last, after trimming.</param>
/// <param name="TargetLevelDbfs">Target of the normalisation in dBFS (peak or RMS level depending on the mode).</param>
/// <param name="TrimSilence">Whether leading and trailing silence is cut.</param>
/// <param name="TrimThresholdDb">Silence threshold in dB relative to the peak sample (negative).</param>
/// <param name="TrimMarginMilliseconds">Audio kept before the first and after the last loud block.</param>
public sealed record AudioPreprocessing(
    int TargetSampleRate = 16000,
    NormalizationMode Normalization = NormalizationMode.Rms,
    double TargetLevelDbfs = -23,
    bool TrimSilence = true,
    double TrimThresholdDb = -40,
    double TrimMarginMilliseconds = 100)
{
    /// <summary>The defaults: 16 kHz, RMS at -23 dBFS (peak-capped), trim below -40 dB with 100 ms margin.</summary>
    public static AudioPreprocessing Default { get; } = new();

    /// <summary>
    /// Stable string form, e.g. "sr16000-rms-23dBFS-trim-40dB-100ms"; only settings that take effect appear in it.
    /// </summary>
    public string Id
    {
        get
        {
            var level = Normalization switch
            {
                NormalizationMode.None => "nonorm",
                NormalizationMode.Peak => $"peak{Number(TargetLevelDbfs)}dBFS",
                NormalizationMode.Rms => $"rms{Number(TargetLevelDbfs)}dBFS",
                _ => throw new InvalidOperationException($"Unknown normalization mode {Normalization}."),
            };
            var trim = TrimSilence ? $"trim{Number(TrimThresholdDb)}dB-{Number(TrimMarginMilliseconds)}ms" : "notrim";
            return $"sr{TargetSampleRate}-{level}-{trim}";
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (TargetSampleRate <= 0)
        {
            throw new ArgumentException($"TargetSampleRate must be positive, got {TargetSampleRate}.");
        }

        if (Normalization != NormalizationMode.None && (TargetLevelDbfs > 0 || !double.IsFinite(TargetLevelDbfs)))
        {
            throw new ArgumentException($"TargetLevelDbfs must be a finite level at most 0 dBFS, got {TargetLevelDbfs}.");
        }

        if (TrimSilence && (TrimThresholdDb >= 0 || !double.IsFinite(TrimThresholdDb)))
        {
            throw new ArgumentException($"TrimThresholdDb must be negative (dB below the peak), got {TrimThresholdDb}.");
        }

        if (TrimSilence && (TrimMarginMilliseconds < 0 || !double.IsFinite(TrimMarginMilliseconds)))
        {
            throw new ArgumentException($"TrimMarginMilliseconds must be zero or positive, got {TrimMarginMilliseconds}.");
        }
    }

    // Round-trip format with the invariant culture: "-23", "-0.5", never "-23,0" or "-2.3E+01".
    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
