using System.Numerics;
using System.Runtime.InteropServices;

namespace DistillPlatform.Features.Encoders;

/// <summary>
/// Forward FFT of a real signal whose length is a power of two, computed as a complex FFT of half the length:
/// even samples go in the real part, odd samples in the imaginary part, and one "untangling" pass recovers the
/// spectrum. That halves the work of a plain complex FFT. Tables are precomputed; the instance is immutable and
/// thread-safe because callers pass the output buffers.
/// </summary>
public sealed class RealFft
{
    private readonly int _halfSize;
    private readonly int[] _bitReversed; // permutation for the half-size complex FFT
    // Butterfly twiddles exp(-2πi j / span) of the stage with half-span h are stored contiguously at [h - 1, 2h - 1),
    // so the inner loop reads them with stride 1 and can load several at once as a vector.
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

    /// <summary>Number of real input samples.</summary>
    public int Size { get; }

    /// <summary>Number of non-redundant output bins: Size / 2 + 1 (DC to Nyquist).</summary>
    public int BinCount => _halfSize + 1;

    /// <summary>Computes bins 0..Size/2 of the DFT X[k] = Σ x[n]·exp(-2πi kn / Size).</summary>
    /// <param name="input">Size real samples.</param>
    /// <param name="real">Receives the real parts, length <see cref="BinCount"/>.</param>
    /// <param name="imaginary">Receives the imaginary parts, length <see cref="BinCount"/>.</param>
    public void Forward(ReadOnlySpan<double> input, Span<double> real, Span<double> imaginary)
    {
        if (input.Length != Size || real.Length != BinCount || imaginary.Length != BinCount)
        {
            throw new ArgumentException($"Expected {Size} input samples and {BinCount}-bin outputs, got {input.Length}, {real.Length}, {imaginary.Length}.");
        }

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

    /// <summary>Iterative radix-2 decimation-in-time butterflies over bit-reversed input.</summary>
    /// <remarks>Real and imaginary parts live in separate arrays, so in every stage whose half-span holds whole SIMD
    /// vectors, consecutive butterflies are computed a vector at a time; the first, narrow stages run scalar.</remarks>
    private void ComplexFftInPlace(Span<double> re, Span<double> im)
    {
        var lanes = Vector<double>.Count;
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
            if (half % lanes == 0)
            {
                VectorStage(re, im, half, twiddleCos, twiddleSin);
                continue;
            }

            for (var start = 0; start < _halfSize; start += span)
            {
                for (var j = 0; j < half; j++)
                {
                    double wr = twiddleCos[j], wi = twiddleSin[j];
                    int top = start + j, bottom = top + half;
                    var tr = re[bottom] * wr - im[bottom] * wi;
                    var ti = re[bottom] * wi + im[bottom] * wr;
                    re[bottom] = re[top] - tr;
                    im[bottom] = im[top] - ti;
                    re[top] += tr;
                    im[top] += ti;
                }
            }
        }
    }

    /// <summary>
    /// Stages with half-span 1 and 2 fused into one pass over groups of four: their twiddles are 1 and −i, so the
    /// butterflies need no multiplications (multiplying by −i maps (r, m) to (m, −r)).
    /// </summary>
    private void FirstTwoStages(Span<double> re, Span<double> im)
    {
        for (var i = 0; i + 3 < _halfSize; i += 4)
        {
            // Stage 1: pairs (0, 1) and (2, 3).
            double sum01Re = re[i] + re[i + 1], sum01Im = im[i] + im[i + 1];
            double diff01Re = re[i] - re[i + 1], diff01Im = im[i] - im[i + 1];
            double sum23Re = re[i + 2] + re[i + 3], sum23Im = im[i + 2] + im[i + 3];
            double diff23Re = re[i + 2] - re[i + 3], diff23Im = im[i + 2] - im[i + 3];

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

    private void VectorStage(Span<double> re, Span<double> im, int half, ReadOnlySpan<double> twiddleCos, ReadOnlySpan<double> twiddleSin)
    {
        var lanes = Vector<double>.Count;
        var vectorRe = MemoryMarshal.Cast<double, Vector<double>>(re);
        var vectorIm = MemoryMarshal.Cast<double, Vector<double>>(im);
        var vectorCos = MemoryMarshal.Cast<double, Vector<double>>(twiddleCos);
        var vectorSin = MemoryMarshal.Cast<double, Vector<double>>(twiddleSin);
        var halfInVectors = half / lanes;
        for (var start = 0; start < _halfSize / lanes; start += 2 * halfInVectors)
        {
            for (var j = 0; j < halfInVectors; j++)
            {
                int top = start + j, bottom = top + halfInVectors;
                Vector<double> wr = vectorCos[j], wi = vectorSin[j], bottomRe = vectorRe[bottom], bottomIm = vectorIm[bottom];
                var tr = bottomRe * wr - bottomIm * wi;
                var ti = bottomRe * wi + bottomIm * wr;
                vectorRe[bottom] = vectorRe[top] - tr;
                vectorIm[bottom] = vectorIm[top] - ti;
                vectorRe[top] += tr;
                vectorIm[top] += ti;
            }
        }
    }

    /// <summary>
    /// With Z = FFT(z): the even-sample spectrum is E[k] = (Z[k] + conj Z[H-k]) / 2, the odd-sample spectrum is
    /// O[k] = -i (Z[k] - conj Z[H-k]) / 2 (H = Size/2, Z[H] = Z[0]), and X[k] = E[k] + W^k O[k], W = exp(-2πi / Size).
    /// Bins k and H-k use the same two inputs (E[H-k] = conj E[k], O[H-k] = conj O[k]), so they are done in pairs in place.
    /// </summary>
    private void Untangle(Span<double> re, Span<double> im)
    {
        // k = 0 pairs with the Nyquist bin: E = Re Z[0], O = Im Z[0], W^0 = 1, W^H = -1.
        var z0Real = re[0];
        var z0Imag = im[0];
        re[0] = z0Real + z0Imag;
        im[0] = 0;
        re[_halfSize] = z0Real - z0Imag;
        im[_halfSize] = 0;

        for (var k = 1; k <= _halfSize / 2; k++)
        {
            var mirror = _halfSize - k;
            double zkRe = re[k], zkIm = im[k], zmRe = re[mirror], zmIm = im[mirror];

            var evenRe = (zkRe + zmRe) / 2;
            var evenIm = (zkIm - zmIm) / 2;
            var oddRe = (zkIm + zmIm) / 2;
            var oddIm = -(zkRe - zmRe) / 2;

            // W^k · O[k]
            double wr = _cosFull[k], wi = _sinFull[k];
            var rotatedRe = oddRe * wr - oddIm * wi;
            var rotatedIm = oddRe * wi + oddIm * wr;
            re[k] = evenRe + rotatedRe;
            im[k] = evenIm + rotatedIm;

            // X[H-k] = conj E[k] + W^(H-k) conj O[k], and W^(H-k) = -conj(W^k).
            var mirroredRe = -(oddRe * wr - oddIm * wi);
            var mirroredIm = oddRe * wi + oddIm * wr;
            re[mirror] = evenRe + mirroredRe;
            im[mirror] = -evenIm + mirroredIm;
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
