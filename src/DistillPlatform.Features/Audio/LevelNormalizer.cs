using System.Numerics;
using System.Runtime.InteropServices;

namespace DistillPlatform.Features.Audio;

/// <summary>How <see cref="LevelNormalizer"/> measures the level it scales to.</summary>
public enum NormalizationMode
{
    /// <summary>Leave the level untouched.</summary>
    None,

    /// <summary>Scale so the largest absolute sample reaches the target (dBFS).</summary>
    Peak,

    /// <summary>Scale so the root-mean-square level reaches the target (dBFS), without letting the peak clip.</summary>
    Rms,
}

/// <summary>
/// Brings recordings to a common level. Corpora are recorded at very different gains (many peak far below full
/// scale) and log-mel features shift with gain, so levelling makes features comparable across recordings.
/// </summary>
public static class LevelNormalizer
{
    /// <summary>Returns a scaled copy of <paramref name="samples"/>; silent input (all zeros) is returned unscaled.</summary>
    /// <param name="targetDbfs">Target level in dB relative to full scale (≤ 0), e.g. -1 for peak, -23 for RMS.</param>
    /// <remarks>For <see cref="NormalizationMode.Rms"/> the gain is capped so the peak stays at or below full scale:
    /// a clipped waveform would add distortion the original recording never had.</remarks>
    public static float[] Normalize(ReadOnlySpan<float> samples, NormalizationMode mode, double targetDbfs)
    {
        if (mode == NormalizationMode.None)
        {
            return samples.ToArray();
        }

        if (targetDbfs > 0 || double.IsNaN(targetDbfs))
        {
            throw new ArgumentOutOfRangeException(nameof(targetDbfs), targetDbfs, "The target level must be at most 0 dBFS (full scale).");
        }

        var peak = Peak(samples);
        if (peak == 0)
        {
            return samples.ToArray();
        }

        var target = DbToAmplitude(targetDbfs);
        var gain = mode switch
        {
            NormalizationMode.Peak => target / peak,
            NormalizationMode.Rms => Math.Min(target / Rms(samples), 1.0 / peak),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown normalization mode."),
        };

        return Scale(samples, gain);
    }

    /// <summary>samples · gain, each product computed in double and rounded once to float (SIMD).</summary>
    private static float[] Scale(ReadOnlySpan<float> samples, double gain)
    {
        var scaled = new float[samples.Length];
        var input = MemoryMarshal.Cast<float, Vector<float>>(samples);
        var output = MemoryMarshal.Cast<float, Vector<float>>(scaled.AsSpan());
        var gains = new Vector<double>(gain);
        for (var i = 0; i < input.Length; i++)
        {
            Vector.Widen(input[i], out var low, out var high);
            output[i] = Vector.Narrow(low * gains, high * gains);
        }

        for (var i = input.Length * Vector<float>.Count; i < samples.Length; i++)
        {
            scaled[i] = (float)(samples[i] * gain);
        }

        return scaled;
    }

    /// <summary>Largest absolute sample value (SIMD; silence trimming and normalisation both call it per recording).</summary>
    public static double Peak(ReadOnlySpan<float> samples)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
        var peaks = Vector<float>.Zero;
        foreach (var vector in vectors)
        {
            peaks = Vector.Max(peaks, Vector.Abs(vector));
        }

        float peak = 0;
        for (var lane = 0; lane < Vector<float>.Count; lane++)
        {
            peak = Math.Max(peak, peaks[lane]);
        }

        foreach (var sample in samples[(vectors.Length * Vector<float>.Count)..])
        {
            peak = Math.Max(peak, Math.Abs(sample));
        }

        return peak;
    }

    /// <summary>Root-mean-square level; squares are widened to double and summed in SIMD lanes.</summary>
    public static double Rms(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            return 0;
        }

        var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
        var sums = Vector<double>.Zero;
        foreach (var vector in vectors)
        {
            Vector.Widen(vector, out var low, out var high);
            sums += low * low + high * high;
        }

        var sumOfSquares = Vector.Sum(sums);
        foreach (var sample in samples[(vectors.Length * Vector<float>.Count)..])
        {
            sumOfSquares += (double)sample * sample;
        }

        return Math.Sqrt(sumOfSquares / samples.Length);
    }

    public static double DbToAmplitude(double db) => Math.Pow(10, db / 20);
}
