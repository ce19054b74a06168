using System.Numerics;
using DistillPlatform.Features.Encoders;
using MathNet.Numerics.IntegralTransforms;

namespace DistillPlatform.Features.Tests.Encoders;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(512)]
    [InlineData(2048)]
    public void Matches_a_reference_complex_fft(int size)
    {
        var random = new Random(size);
        var input = Enumerable.Range(0, size).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var reference = input.Select(x => new Complex(x, 0)).ToArray();
        Fourier.Forward(reference, FourierOptions.NoScaling); // X[k] = Σ x[n] e^{-2πi kn/N}
        var fft = new RealFft(size);
        var real = new double[fft.BinCount];
        var imaginary = new double[fft.BinCount];

        fft.Forward(input, real, imaginary);

        for (var k = 0; k < fft.BinCount; k++)
        {
            Assert.Equal(reference[k].Real, real[k], 1e-9);
            Assert.Equal(reference[k].Imaginary, imaginary[k], 1e-9);
        }
    }

    [Fact]
    public void Each_lane_transforms_its_own_signal_exactly_as_a_single_transform_would()
    {
        const int size = 512;
        var fft = new RealFft(size);
        var random = new Random(7);
        var signals = Enumerable.Range(0, RealFft.Lanes)
            .Select(_ => Enumerable.Range(0, size).Select(_ => random.NextDouble() * 2 - 1).ToArray())
            .ToArray();
        var input = Enumerable.Range(0, size)
            .Select(n => new Vector<double>(signals.Select(signal => signal[n]).ToArray()))
            .ToArray();
        var real = new Vector<double>[fft.BinCount];
        var imaginary = new Vector<double>[fft.BinCount];

        fft.Forward(input, real, imaginary);

        for (var lane = 0; lane < RealFft.Lanes; lane++)
        {
            var reference = signals[lane].Select(x => new Complex(x, 0)).ToArray();
            Fourier.Forward(reference, FourierOptions.NoScaling);
            var singleReal = new double[fft.BinCount];
            var singleImaginary = new double[fft.BinCount];
            fft.Forward(signals[lane], singleReal, singleImaginary);
            for (var k = 0; k < fft.BinCount; k++)
            {
                Assert.Equal(reference[k].Real, real[k][lane], 1e-9);
                Assert.Equal(reference[k].Imaginary, imaginary[k][lane], 1e-9);
                Assert.Equal(singleReal[k], real[k][lane]); // bit for bit: lanes never mix
                Assert.Equal(singleImaginary[k], imaginary[k][lane]);
            }
        }
    }

    [Fact]
    public void Cosine_on_a_bin_lands_in_that_bin()
    {
        var fft = new RealFft(16);
        var input = Enumerable.Range(0, 16).Select(n => Math.Cos(2 * Math.PI * 3 * n / 16)).ToArray();
        var real = new double[9];
        var imaginary = new double[9];

        fft.Forward(input, real, imaginary);

        for (var k = 0; k < 9; k++)
        {
            Assert.Equal(k == 3 ? 8.0 : 0.0, real[k], 1e-12); // N/2 for a unit cosine
            Assert.Equal(0.0, imaginary[k], 1e-12);
        }
    }

    [Fact]
    public void Rejects_sizes_that_are_not_powers_of_two_and_wrong_buffers()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(400));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RealFft(2));
        Assert.Throws<ArgumentException>(() => new RealFft(8).Forward(new double[8], new double[4], new double[5]));
    }
}
