using System.Globalization;

namespace DistillPlatform.Features.Encoders;

/// <summary>Configuration of <see cref="LogMelEncoder"/>; the defaults are the platform's built-in features.</summary>
/// <param name="MelBins">Number of mel filters (output dimensions).</param>
/// <param name="WindowMilliseconds">Analysis window length (Hann).</param>
/// <param name="HopMilliseconds">Distance between frame centres.</param>
/// <param name="FftSize">FFT length; the window is zero-padded to it. Must be a power of two ≥ the window.</param>
/// <param name="SampleRate">Input rate in Hz.</param>
public sealed record LogMelSettings(
    int MelBins = 80,
    double WindowMilliseconds = 25,
    double HopMilliseconds = 10,
    int FftSize = 512,
    int SampleRate = 16000)
{
    /// <summary>Floor added before the logarithm so silence maps to log(1e-6) instead of -∞.</summary>
    public const double LogOffset = 1e-6;

    public int WindowLength => (int)Math.Round(WindowMilliseconds * SampleRate / 1000);

    public int HopLength => (int)Math.Round(HopMilliseconds * SampleRate / 1000);

    /// <summary>"logmel-80-25ms-10ms", with "-fftN" / "-RATEhz" appended only when those differ from 512 / 16000.</summary>
    public string Id
    {
        get
        {
            var id = $"logmel-{MelBins}-{Number(WindowMilliseconds)}ms-{Number(HopMilliseconds)}ms";
            if (FftSize != 512)
            {
                id += $"-fft{FftSize}";
            }

            if (SampleRate != 16000)
            {
                id += $"-{SampleRate}hz";
            }

            return id;
        }
    }

    public void Validate()
    {
        if (MelBins <= 0 || SampleRate <= 0 || WindowLength < 2 || HopLength < 1)
        {
            throw new ArgumentException($"Invalid log-mel settings {this}: need MelBins > 0, SampleRate > 0, a window of at least 2 samples and a hop of at least 1.");
        }

        if (FftSize < WindowLength || (FftSize & (FftSize - 1)) != 0)
        {
            throw new ArgumentException($"FftSize {FftSize} must be a power of two at least the window length ({WindowLength} samples).");
        }
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
