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

        // Output samples n and n + L use the same kernel row (n·M and (n + L)·M are equal mod L) and input windows
        // M samples apart. So the work is done phase by phase: one kernel row stays in L1 cache for all outputs of its
        // phase, and each kernel vector loaded is multiplied into OutputsPerKernelLoad outputs at once. Visiting the
        // outputs in sequence instead walks the whole kernel table (L rows, 184 kB at 22.05→16 kHz) for every L
        // outputs and is about twice as slow.
        long firstOutputBase = 0; // floor(n0·M / L) for the first output n0 of the current phase
        var phase = 0;             // (n0·M) mod L
        for (var firstOutput = 0; firstOutput < Math.Min(_upFactor, output.Length); firstOutput++)
        {
            var kernel = MemoryMarshal.Cast<float, Vector<float>>(_phaseKernels.AsSpan(phase * _tapsPerPhase, _tapsPerPhase));
            // Taps of output n cover input indices base(n) - halfTaps + 1 ... base(n) + halfTaps, shifted by the padding.
            var windowStart = (int)firstOutputBase - _halfTaps + 1 + _tapsPerPhase;
            var n = firstOutput;
            for (; n + (OutputsPerKernelLoad - 1) * _upFactor < output.Length; n += OutputsPerKernelLoad * _upFactor)
            {
                FourDots(padded, windowStart, kernel, out output[n], out output[n + _upFactor], out output[n + 2 * _upFactor], out output[n + 3 * _upFactor]);
                windowStart += OutputsPerKernelLoad * _downFactor;
            }

            for (; n < output.Length; n += _upFactor)
            {
                output[n] = Dot(padded.AsSpan(windowStart, _tapsPerPhase), kernel);
                windowStart += _downFactor;
            }

            phase += _downFactor;
            firstOutputBase += phase / _upFactor;
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

    /// <summary>Outputs computed per pass over a kernel row: enough independent sums to keep the multiply-add units
    /// busy, few enough that they and the kernel vector stay in registers.</summary>
    private const int OutputsPerKernelLoad = 4;

    /// <summary>Dot products of one kernel row with four input windows that start <see cref="_downFactor"/> samples apart.</summary>
    private void FourDots(float[] padded, int windowStart, ReadOnlySpan<Vector<float>> kernel, out float first, out float second, out float third, out float fourth)
    {
        var window0 = MemoryMarshal.Cast<float, Vector<float>>(padded.AsSpan(windowStart, _tapsPerPhase));
        var window1 = MemoryMarshal.Cast<float, Vector<float>>(padded.AsSpan(windowStart + _downFactor, _tapsPerPhase));
        var window2 = MemoryMarshal.Cast<float, Vector<float>>(padded.AsSpan(windowStart + 2 * _downFactor, _tapsPerPhase));
        var window3 = MemoryMarshal.Cast<float, Vector<float>>(padded.AsSpan(windowStart + 3 * _downFactor, _tapsPerPhase));
        Vector<float> sum0 = Vector<float>.Zero, sum1 = Vector<float>.Zero, sum2 = Vector<float>.Zero, sum3 = Vector<float>.Zero;
        for (var i = 0; i < kernel.Length; i++)
        {
            var taps = kernel[i];
            sum0 = Vector.FusedMultiplyAdd(window0[i], taps, sum0);
            sum1 = Vector.FusedMultiplyAdd(window1[i], taps, sum1);
            sum2 = Vector.FusedMultiplyAdd(window2[i], taps, sum2);
            sum3 = Vector.FusedMultiplyAdd(window3[i], taps, sum3);
        }

        first = Vector.Sum(sum0);
        second = Vector.Sum(sum1);
        third = Vector.Sum(sum2);
        fourth = Vector.Sum(sum3);
    }

    /// <summary>SIMD dot product; the kernels' length is a whole number of vectors, so there is no scalar tail.</summary>
    private static float Dot(ReadOnlySpan<float> samples, ReadOnlySpan<Vector<float>> kernel)
    {
        var x = MemoryMarshal.Cast<float, Vector<float>>(samples);
        var sum = Vector<float>.Zero;
        for (var i = 0; i < kernel.Length; i++)
        {
            sum = Vector.FusedMultiplyAdd(x[i], kernel[i], sum);
        }

        return Vector.Sum(sum);
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
