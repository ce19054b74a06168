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
    private readonly int[] _bitReversed;       // permutation for the half-size complex FFT
    private readonly double[] _cosHalf, _sinHalf; // exp(-2πi j / halfSize) for j < halfSize / 2
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

        _cosHalf = new double[_halfSize / 2];
        _sinHalf = new double[_halfSize / 2];
        for (var j = 0; j < _halfSize / 2; j++)
        {
            _cosHalf[j] = Math.Cos(2 * Math.PI * j / _halfSize);
            _sinHalf[j] = -Math.Sin(2 * Math.PI * j / _halfSize);
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
    private void ComplexFftInPlace(Span<double> re, Span<double> im)
    {
        for (var span = 2; span <= _halfSize; span <<= 1)
        {
            var half = span >> 1;
            var twiddleStride = _halfSize / span;
            for (var start = 0; start < _halfSize; start += span)
            {
                for (var j = 0; j < half; j++)
                {
                    var wr = _cosHalf[j * twiddleStride];
                    var wi = _sinHalf[j * twiddleStride];
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
