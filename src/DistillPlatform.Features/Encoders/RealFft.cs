using System.Numerics;
using System.Runtime.InteropServices;

namespace DistillPlatform.Features.Encoders;

/// <summary>
/// Forward FFT of real signals whose length is a power of two, several signals at once: one per SIMD lane
/// (<see cref="Lanes"/>, 4 doubles with AVX2). Each signal is computed as a complex FFT of half the length: even
/// samples go in the real part, odd samples in the imaginary part, and one "untangling" pass recovers the spectrum,
/// which halves the work of a plain complex FFT. Tables are precomputed; the instance is immutable and thread-safe
/// because callers pass the buffers.
/// </summary>
/// <remarks>
/// Why lanes hold different signals rather than neighbouring samples of one: a short-time spectrum needs many
/// transforms of the same size, and with one signal per lane every step (bit-reversed packing, every butterfly stage,
/// the untangling) is plain element-wise vector arithmetic with broadcast twiddles. Vectorising within one transform
/// leaves the narrow first stages and the mirrored untangling pass scalar, and was about half as fast for the
/// log-mel encoder. Every lane goes through exactly the operations a scalar transform would, so the results do not
/// depend on which lane, or how many lanes, a signal used.
/// </remarks>
public sealed class RealFft
{
    private readonly int _halfSize;
    private readonly int[] _bitReversed; // permutation for the half-size complex FFT
    // Butterfly twiddles exp(-2πi j / span) of the stage with half-span h are stored contiguously at [h - 1, 2h - 1).
    private readonly double[] _stageCos, _stageSin;
    private readonly double[] _cosFull, _sinFull; // exp(-2πi k / size) for k ≤ halfSize / 2, used when untangling

    public RealFft(int size)
    {
        if (size < 4 || (size & (size - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The FFT size must be a power of two, at least 4.");
        }

        Size = size;
        _halfSize = size / 2;
        var bits = int.Log2(_halfSize);
        _bitReversed = new int[_halfSize];
        for (var i = 0; i < _halfSize; i++)
        {
            _bitReversed[i] = ReverseBits(i, bits);
        }

        _stageCos = new double[_halfSize];
        _stageSin = new double[_halfSize];
        for (var half = 1; half < _halfSize; half <<= 1)
        {
            for (var j = 0; j < half; j++)
            {
                _stageCos[half - 1 + j] = Math.Cos(Math.PI * j / half);
                _stageSin[half - 1 + j] = -Math.Sin(Math.PI * j / half);
            }
        }

        _cosFull = new double[_halfSize / 2 + 1];
        _sinFull = new double[_halfSize / 2 + 1];
        for (var k = 0; k <= _halfSize / 2; k++)
        {
            _cosFull[k] = Math.Cos(2 * Math.PI * k / size);
            _sinFull[k] = -Math.Sin(2 * Math.PI * k / size);
        }
    }

    /// <summary>Number of signals transformed by one call of the vector overload.</summary>
    public static int Lanes => Vector<double>.Count;

    /// <summary>Number of real input samples.</summary>
    public int Size { get; }

    /// <summary>Number of non-redundant output bins: Size / 2 + 1 (DC to Nyquist).</summary>
    public int BinCount => _halfSize + 1;

    /// <summary>
    /// Computes bins 0..Size/2 of X[k] = Σ x[n]·exp(-2πi kn / Size) for <see cref="Lanes"/> signals at once:
    /// lane l of <c>input[n]</c> is sample n of signal l, and lane l of the outputs is its spectrum.
    /// </summary>
    /// <param name="input">Size vectors of samples.</param>
    /// <param name="real">Receives the real parts, length <see cref="BinCount"/>.</param>
    /// <param name="imaginary">Receives the imaginary parts, length <see cref="BinCount"/>.</param>
    public void Forward(ReadOnlySpan<Vector<double>> input, Span<Vector<double>> real, Span<Vector<double>> imaginary)
    {
        CheckLengths(input.Length, real.Length, imaginary.Length);

        // Pack z[n] = x[2n] + i·x[2n+1] in bit-reversed order, then run the half-size complex FFT in place.
        for (var n = 0; n < _halfSize; n++)
        {
            var target = _bitReversed[n];
            real[target] = input[2 * n];
            imaginary[target] = input[2 * n + 1];
        }

        ComplexFftInPlace(real[.._halfSize], imaginary[.._halfSize]);
        Untangle(real, imaginary);
    }

    /// <summary>Transforms one signal (it rides in lane 0); for throughput, pass <see cref="Lanes"/> signals to the
    /// vector overload instead.</summary>
    public void Forward(ReadOnlySpan<double> input, Span<double> real, Span<double> imaginary)
    {
        CheckLengths(input.Length, real.Length, imaginary.Length);

        var laneInput = new Vector<double>[Size];
        var laneSamples = MemoryMarshal.Cast<Vector<double>, double>(laneInput.AsSpan());
        for (var n = 0; n < Size; n++)
        {
            laneSamples[n * Lanes] = input[n];
        }

        var laneReal = new Vector<double>[BinCount];
        var laneImaginary = new Vector<double>[BinCount];
        Forward(laneInput, laneReal, laneImaginary);
        for (var k = 0; k < BinCount; k++)
        {
            real[k] = laneReal[k][0];
            imaginary[k] = laneImaginary[k][0];
        }
    }

    private void CheckLengths(int input, int real, int imaginary)
    {
        if (input != Size || real != BinCount || imaginary != BinCount)
        {
            throw new ArgumentException($"Expected {Size} input samples and {BinCount}-bin outputs, got {input}, {real}, {imaginary}.");
        }
    }

    /// <summary>Iterative radix-2 decimation-in-time butterflies over bit-reversed input.</summary>
    private void ComplexFftInPlace(Span<Vector<double>> re, Span<Vector<double>> im)
    {
        var firstHalf = 1;
        if (_halfSize >= 4)
        {
            FirstTwoStages(re, im);
            firstHalf = 4;
        }

        for (var half = firstHalf; half < _halfSize; half <<= 1)
        {
            var span = half << 1;
            var twiddleCos = _stageCos.AsSpan(half - 1, half);
            var twiddleSin = _stageSin.AsSpan(half - 1, half);
            for (var start = 0; start < _halfSize; start += span)
            {
                var top = re.Slice(start, half);
                var topIm = im.Slice(start, half);
                var bottom = re.Slice(start + half, half);
                var bottomIm = im.Slice(start + half, half);
                for (var j = 0; j < half; j++)
                {
                    Vector<double> wr = new(twiddleCos[j]), wi = new(twiddleSin[j]);
                    var tr = bottom[j] * wr - bottomIm[j] * wi;
                    var ti = bottom[j] * wi + bottomIm[j] * wr;
                    bottom[j] = top[j] - tr;
                    bottomIm[j] = topIm[j] - ti;
                    top[j] += tr;
                    topIm[j] += ti;
                }
            }
        }
    }

    /// <summary>
    /// Stages with half-span 1 and 2 fused into one pass over groups of four: their twiddles are 1 and −i, so the
    /// butterflies need no multiplications (multiplying by −i maps (r, m) to (m, −r)).
    /// </summary>
    private void FirstTwoStages(Span<Vector<double>> re, Span<Vector<double>> im)
    {
        for (var i = 0; i + 3 < _halfSize; i += 4)
        {
            // Stage 1: pairs (0, 1) and (2, 3).
            Vector<double> sum01Re = re[i] + re[i + 1], sum01Im = im[i] + im[i + 1];
            Vector<double> diff01Re = re[i] - re[i + 1], diff01Im = im[i] - im[i + 1];
            Vector<double> sum23Re = re[i + 2] + re[i + 3], sum23Im = im[i + 2] + im[i + 3];
            Vector<double> diff23Re = re[i + 2] - re[i + 3], diff23Im = im[i + 2] - im[i + 3];

            // Stage 2: (0, 2) with twiddle 1, (1, 3) with twiddle −i.
            re[i] = sum01Re + sum23Re;
            im[i] = sum01Im + sum23Im;
            re[i + 2] = sum01Re - sum23Re;
            im[i + 2] = sum01Im - sum23Im;
            re[i + 1] = diff01Re + diff23Im;
            im[i + 1] = diff01Im - diff23Re;
            re[i + 3] = diff01Re - diff23Im;
            im[i + 3] = diff01Im + diff23Re;
        }
    }

    /// <summary>
    /// With Z = FFT(z): the even-sample spectrum is E[k] = (Z[k] + conj Z[H-k]) / 2, the odd-sample spectrum is
    /// O[k] = -i (Z[k] - conj Z[H-k]) / 2 (H = Size/2, Z[H] = Z[0]), and X[k] = E[k] + W^k O[k], W = exp(-2πi / Size).
    /// Bins k and H-k use the same two inputs (E[H-k] = conj E[k], O[H-k] = conj O[k]), so they are done in pairs in place.
    /// </summary>
    private void Untangle(Span<Vector<double>> re, Span<Vector<double>> im)
    {
        // k = 0 pairs with the Nyquist bin: E = Re Z[0], O = Im Z[0], W^0 = 1, W^H = -1.
        var z0Real = re[0];
        var z0Imag = im[0];
        re[0] = z0Real + z0Imag;
        im[0] = Vector<double>.Zero;
        re[_halfSize] = z0Real - z0Imag;
        im[_halfSize] = Vector<double>.Zero;

        var half = new Vector<double>(0.5); // exact: halving by multiplication equals division by two
        for (var k = 1; k <= _halfSize / 2; k++)
        {
            var mirror = _halfSize - k;
            Vector<double> zkRe = re[k], zkIm = im[k], zmRe = re[mirror], zmIm = im[mirror];

            var evenRe = (zkRe + zmRe) * half;
            var evenIm = (zkIm - zmIm) * half;
            var oddRe = (zkIm + zmIm) * half;
            var oddIm = -(zkRe - zmRe) * half;

            // W^k · O[k]
            Vector<double> wr = new(_cosFull[k]), wi = new(_sinFull[k]);
            var rotatedRe = oddRe * wr - oddIm * wi;
            var rotatedIm = oddRe * wi + oddIm * wr;
            re[k] = evenRe + rotatedRe;
            im[k] = evenIm + rotatedIm;

            // X[H-k] = conj E[k] + W^(H-k) conj O[k], and W^(H-k) = -conj(W^k).
            re[mirror] = evenRe - rotatedRe;
            im[mirror] = rotatedIm - evenIm;
        }
    }

    private static int ReverseBits(int value, int bits)
    {
        var reversed = 0;
        for (var b = 0; b < bits; b++)
        {
            reversed = (reversed << 1) | ((value >> b) & 1);
        }

        return reversed;
    }
}
