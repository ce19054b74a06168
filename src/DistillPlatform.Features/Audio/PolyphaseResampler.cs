using System.Numerics;
using System.Runtime.InteropServices;

namespace DistillPlatform.Features.Audio;

/// <summary>
/// Band-limited sample-rate conversion by any rational ratio (22050→16000 is ×320/441) with a polyphase
/// Kaiser-windowed-sinc low-pass filter.
/// </summary>
/// <remarks>
/// Conceptually the input is upsampled by L, low-pass filtered and decimated by M (L/M = output/input rate, reduced).
/// The polyphase form only evaluates the filter taps that land on real input samples: output sample n sits at input
/// time t = n·M/L, and the kernel for its fractional part (n·M mod L)/L is one of L precomputed rows.
/// The filter passes everything up to <see cref="PassbandEdgeHz"/> (90 % of the lower Nyquist frequency) and rejects
/// by <see cref="StopbandAttenuationDb"/> from the lower Nyquist frequency up, so nothing aliases into the output band.
/// The kernel is centred (zero phase), so output sample n corresponds exactly to time n / output rate; samples
/// outside the input are treated as zero. Instances are immutable and safe to share between threads.
/// The kernel table holds L rows of (A − 7.95)·fs / (2.285·2π·Δf) taps (fs input rate, Δf transition width), so common ratios cost a few hundred kB and
/// milliseconds to design, but a rate with a large reduced numerator (44101 Hz → 16 kHz has L = 16000) takes tens
/// of MB and about a second; <see cref="AudioLoader"/> designs each rate pair once and reuses it.
/// </remarks>
public sealed class PolyphaseResampler
{
    /// <summary>Stop-band rejection the filter is designed for.</summary>
    public const double StopbandAttenuationDb = 80;

    /// <summary>Pass-band edge as a fraction of the lower of the two Nyquist frequencies.</summary>
    public const double PassbandFraction = 0.9;

    private readonly int _upFactor;
    private readonly int _downFactor;
    private readonly int _halfTaps;
    private readonly int _tapsPerPhase;
    private readonly float[] _phaseKernels; // [phase, tap], row-major: _upFactor rows of _tapsPerPhase taps

    public PolyphaseResampler(int inputRate, int outputRate)
    {
        if (inputRate <= 0 || outputRate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputRate), $"Sample rates must be positive (got {inputRate} Hz → {outputRate} Hz).");
        }

        InputRate = inputRate;
        OutputRate = outputRate;
        var divisor = GreatestCommonDivisor(inputRate, outputRate);
        _upFactor = outputRate / divisor;
        _downFactor = inputRate / divisor;

        var lowerNyquist = Math.Min(inputRate, outputRate) / 2.0;
        PassbandEdgeHz = PassbandFraction * lowerNyquist;
        var cutoffHz = (PassbandEdgeHz + lowerNyquist) / 2; // -6 dB point in the middle of the transition band
        var halfWidthInputSamples = KaiserWindow.FilterDurationSeconds(StopbandAttenuationDb, lowerNyquist - PassbandEdgeHz) / 2 * inputRate;
        // Round the kernel up to whole SIMD vectors; the extra taps fall outside the window and are zero.
        _halfTaps = RoundUp((int)Math.Ceiling(halfWidthInputSamples), Vector<float>.Count);
        _tapsPerPhase = 2 * _halfTaps;
        _phaseKernels = IsIdentity ? [] : DesignPhaseKernels(cutoffHz / inputRate, halfWidthInputSamples);
    }

    public int InputRate { get; }
    public int OutputRate { get; }
    public double PassbandEdgeHz { get; }

    private bool IsIdentity => _upFactor == _downFactor;

    /// <summary>Number of output samples for <paramref name="inputLength"/> input samples: ceil(n · L / M).</summary>
    public long OutputLength(int inputLength) => ((long)inputLength * _upFactor + _downFactor - 1) / _downFactor;

    public float[] Process(ReadOnlySpan<float> input)
    {
        if (IsIdentity)
        {
            return input.ToArray();
        }

        // Zero-pad by the kernel half-width on both sides so every tap reads a valid index.
        var padded = new float[input.Length + 2 * _tapsPerPhase];
        input.CopyTo(padded.AsSpan(_tapsPerPhase));
        var output = new float[OutputLength(input.Length)];

        long baseIndex = 0; // floor(n·M / L)
        var phase = 0;      // (n·M) mod L
        for (var n = 0; n < output.Length; n++)
        {
            // Taps cover input indices baseIndex - halfTaps + 1 ... baseIndex + halfTaps.
            var firstInput = (int)baseIndex - _halfTaps + 1 + _tapsPerPhase;
            output[n] = Dot(padded.AsSpan(firstInput, _tapsPerPhase), _phaseKernels.AsSpan(phase * _tapsPerPhase, _tapsPerPhase));

            phase += _downFactor;
            baseIndex += phase / _upFactor;
            phase %= _upFactor;
        }

        return output;
    }

    private float[] DesignPhaseKernels(double normalizedCutoff, double halfWidth)
    {
        var beta = KaiserWindow.BetaForAttenuation(StopbandAttenuationDb);
        var kernels = new float[_upFactor * _tapsPerPhase];
        for (var phase = 0; phase < _upFactor; phase++)
        {
            var fraction = (double)phase / _upFactor;
            for (var tap = 0; tap < _tapsPerPhase; tap++)
            {
                // Distance, in input samples, from the output instant to this tap's input sample.
                var distance = fraction + _halfTaps - 1 - tap;
                kernels[phase * _tapsPerPhase + tap] = (float)(2 * normalizedCutoff * Sinc(2 * normalizedCutoff * distance)
                                                               * KaiserWindow.Value(distance / halfWidth, beta));
            }
        }

        return kernels;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>SIMD dot product. Four independent accumulators keep several multiply-adds in flight instead of
    /// waiting on one running sum; the kernels' length is a whole number of vectors, so there is no scalar tail.</summary>
    private static float Dot(ReadOnlySpan<float> samples, ReadOnlySpan<float> kernel)
    {
        var x = MemoryMarshal.Cast<float, Vector<float>>(samples);
        var h = MemoryMarshal.Cast<float, Vector<float>>(kernel);
        Vector<float> sum0 = Vector<float>.Zero, sum1 = Vector<float>.Zero, sum2 = Vector<float>.Zero, sum3 = Vector<float>.Zero;
        var i = 0;
        for (; i + 3 < h.Length; i += 4)
        {
            sum0 += x[i] * h[i];
            sum1 += x[i + 1] * h[i + 1];
            sum2 += x[i + 2] * h[i + 2];
            sum3 += x[i + 3] * h[i + 3];
        }

        for (; i < h.Length; i++)
        {
            sum0 += x[i] * h[i];
        }

        return Vector.Sum(sum0 + sum1 + (sum2 + sum3));
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
