using System.Numerics;

namespace DistillPlatform.Features.Encoders;

/// <summary>
/// Triangular filters on the HTK mel scale (mel = 2595·log10(1 + f/700)), unnormalised (peak weight 1), applied to
/// the bins of a real FFT. Filter edges are equally spaced in mel between <c>minHz</c> and <c>maxHz</c>; each filter
/// rises linearly from its left edge to its centre and falls to its right edge, in linear frequency. This is the
/// same construction as torchaudio's <c>melscale_fbanks(..., norm=None, mel_scale="htk")</c>.
/// </summary>
/// <remarks>Each filter covers only a few bins, so the weights are stored sparsely (first bin + contiguous run),
/// which makes applying the bank cost about two multiply-adds per FFT bin instead of one per bin per filter.</remarks>
public sealed class MelFilterbank
{
    private readonly int[] _firstBin;
    private readonly int[] _weightOffset; // filter m's weights are _weights[_weightOffset[m] .. _weightOffset[m + 1])
    private readonly double[] _weights;

    public MelFilterbank(int melBins, int fftSize, int sampleRate, double minHz = 0, double? maxHz = null)
    {
        var upperHz = maxHz ?? sampleRate / 2.0;
        if (melBins <= 0 || fftSize <= 0 || sampleRate <= 0 || minHz < 0 || upperHz <= minHz || upperHz > sampleRate / 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(melBins), $"Invalid mel filterbank: {melBins} bins, FFT {fftSize}, {sampleRate} Hz, {minHz}-{upperHz} Hz (need 0 ≤ min < max ≤ Nyquist).");
        }

        MelBins = melBins;
        FftBins = fftSize / 2 + 1;

        // melBins + 2 edge frequencies, equally spaced in mel.
        double minMel = HzToMel(minHz), maxMel = HzToMel(upperHz);
        var edgesHz = new double[melBins + 2];
        for (var i = 0; i < edgesHz.Length; i++)
        {
            edgesHz[i] = MelToHz(minMel + (maxMel - minMel) * i / (melBins + 1));
        }

        _firstBin = new int[melBins];
        _weightOffset = new int[melBins + 1];
        var weights = new List<double>();
        for (var m = 0; m < melBins; m++)
        {
            double left = edgesHz[m], centre = edgesHz[m + 1], right = edgesHz[m + 2];
            _weightOffset[m] = weights.Count;
            _firstBin[m] = -1;
            for (var bin = 0; bin < FftBins; bin++)
            {
                var binHz = (double)bin * sampleRate / fftSize;
                var rising = (binHz - left) / (centre - left);
                var falling = (right - binHz) / (right - centre);
                var weight = Math.Max(0, Math.Min(rising, falling));
                if (weight > 0)
                {
                    if (_firstBin[m] < 0)
                    {
                        _firstBin[m] = bin;
                    }

                    weights.Add(weight);
                }
                else if (_firstBin[m] >= 0)
                {
                    break; // triangles are convex: once past the non-zero run, the rest is zero
                }
            }

            // A filter narrower than the bin spacing catches no bin; it then contributes 0 (log gives log(eps)).
            _firstBin[m] = Math.Max(_firstBin[m], 0);
        }

        _weightOffset[melBins] = weights.Count;
        _weights = [.. weights];
    }

    public int MelBins { get; }

    /// <summary>Number of FFT bins (fftSize / 2 + 1) the bank expects.</summary>
    public int FftBins { get; }

    public static double HzToMel(double hz) => 2595 * Math.Log10(1 + hz / 700);

    public static double MelToHz(double mel) => 700 * (Math.Pow(10, mel / 2595) - 1);

    /// <summary>mel[m] = Σ_bin weight[m, bin] · power[bin], for as many spectra as a vector has lanes (lane l of
    /// every element belongs to spectrum l; see <see cref="RealFft"/>).</summary>
    public void Apply(ReadOnlySpan<Vector<double>> powerSpectra, Span<Vector<double>> melEnergies)
    {
        for (var m = 0; m < MelBins; m++)
        {
            var weights = _weights.AsSpan(_weightOffset[m], _weightOffset[m + 1] - _weightOffset[m]);
            var bins = powerSpectra.Slice(_firstBin[m], weights.Length);
            var energy = Vector<double>.Zero;
            for (var i = 0; i < weights.Length; i++)
            {
                energy += new Vector<double>(weights[i]) * bins[i];
            }

            melEnergies[m] = energy;
        }
    }

    /// <summary>Dense weight matrix [MelBins, FftBins], for inspection and tests.</summary>
    public double[,] ToDense()
    {
        var dense = new double[MelBins, FftBins];
        for (var m = 0; m < MelBins; m++)
        {
            for (var i = _weightOffset[m]; i < _weightOffset[m + 1]; i++)
            {
                dense[m, _firstBin[m] + i - _weightOffset[m]] = _weights[i];
            }
        }

        return dense;
    }
}
