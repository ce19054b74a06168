using System.Numerics;
using DistillPlatform.Features.Encoders;

namespace DistillPlatform.Features.Tests.Encoders;

public sealed class MelFilterbankTests
{
    [Fact]
    public void Htk_mel_scale_known_values()
    {
        // 2595·log10(1 + 700/700) = 2595·log10(2); 1000 Hz is about 1000 mel on the HTK scale.
        Assert.Equal(2595 * Math.Log10(2), MelFilterbank.HzToMel(700), 1e-9);
        Assert.Equal(999.99, MelFilterbank.HzToMel(1000), 0.01);
        Assert.Equal(4000, MelFilterbank.MelToHz(MelFilterbank.HzToMel(4000)), 1e-9);
    }

    [Fact]
    public void Tiny_bank_matches_hand_computed_triangles()
    {
        // 8 kHz, FFT 8: bins at 0, 1000, 2000, 3000, 4000 Hz; one filter with edges at mel(0), mel(4000)/2, mel(4000).
        var bank = new MelFilterbank(melBins: 1, fftSize: 8, sampleRate: 8000).ToDense();

        var centreHz = MelFilterbank.MelToHz(MelFilterbank.HzToMel(4000) / 2); // ≈ 1690 Hz
        Assert.Equal(0, bank[0, 0]);
        Assert.Equal(1000 / centreHz, bank[0, 1], 1e-12);
        Assert.Equal((4000 - 2000) / (4000 - centreHz), bank[0, 2], 1e-12);
        Assert.Equal((4000 - 3000) / (4000 - centreHz), bank[0, 3], 1e-12);
        Assert.Equal(0, bank[0, 4]);
    }

    [Fact]
    public void Sparse_application_equals_the_dense_product_in_every_lane()
    {
        var bank = new MelFilterbank(80, 512, 16000);
        var dense = bank.ToDense();
        var random = new Random(5);
        var lanes = Vector<double>.Count;
        var spectra = Enumerable.Range(0, lanes).Select(_ => Enumerable.Range(0, 257).Select(_ => random.NextDouble()).ToArray()).ToArray();
        var power = Enumerable.Range(0, 257).Select(bin => new Vector<double>(spectra.Select(spectrum => spectrum[bin]).ToArray())).ToArray();
        var mel = new Vector<double>[80];

        bank.Apply(power, mel);

        for (var lane = 0; lane < lanes; lane++)
        {
            for (var m = 0; m < 80; m++)
            {
                var expected = Enumerable.Range(0, 257).Sum(bin => dense[m, bin] * spectra[lane][bin]);
                Assert.Equal(expected, mel[m][lane], 1e-12);
            }
        }
    }

    [Fact]
    public void Rejects_a_range_above_nyquist()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MelFilterbank(80, 512, 16000, maxHz: 9000));
    }
}
