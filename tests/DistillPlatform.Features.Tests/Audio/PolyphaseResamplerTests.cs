using System.Numerics;
using DistillPlatform.Features.Audio;
using MathNet.Numerics.IntegralTransforms;

namespace DistillPlatform.Features.Tests.Audio;

/// <summary>
/// Spectral checks of the resampler, measured with MathNet's FFT (independent of the code under test) on one second
/// of output taken from the middle of a longer signal, away from the zero-padded edges.
/// </summary>
public sealed class PolyphaseResamplerTests
{
    private const int OutputRate = 16000;

    /// <summary>
    /// The resampler visits outputs phase by phase, four at a time, with a remainder loop; whatever the input length
    /// (shorter than one phase period, a partial group, many periods), each output must equal the one computed from
    /// the same input followed by zeros, which the resampler already assumes beyond the end.
    /// </summary>
    [Theory]
    [InlineData(22050)]
    [InlineData(44100)]
    [InlineData(48000)]
    public void Every_output_is_the_same_whatever_the_input_length(int inputRate)
    {
        var resampler = new PolyphaseResampler(inputRate, OutputRate);
        var longInput = TestSignals.TonesAndNoise(inputRate, 3 * inputRate, seed: 5);
        foreach (var length in new[] { 1, 7, 100, 441, 1000, 1764, 4410, 22051, 2 * inputRate + 333 })
        {
            var signal = longInput.AsSpan(0, length).ToArray();
            var zeroPadded = new float[3 * inputRate];
            signal.CopyTo(zeroPadded, 0);

            var output = resampler.Process(signal);
            var reference = resampler.Process(zeroPadded);

            Assert.Equal(resampler.OutputLength(length), output.Length);
            Assert.Equal(reference.AsSpan(0, output.Length).ToArray(), output);
        }
    }

    [Theory]
    [InlineData(48000)]
    [InlineData(44100)]
    [InlineData(22050)]
    public void In_band_tone_leaves_the_rest_of_the_spectrum_60_dB_down(int inputRate)
    {
        var output = Resample(TestSignals.Sine(7000, inputRate, 3 * inputRate), inputRate);

        var power = PowerSpectrum(MiddleSecond(output));
        var tonePower = power[7000]; // 1 Hz per bin over one second
        // ±4 bins is the main lobe of the Blackman-Harris analysis window itself, not leakage from the resampler.
        var worstOtherBin = Enumerable.Range(0, power.Length).Where(bin => Math.Abs(bin - 7000) > 4).Max(bin => power[bin]);

        Assert.True(Decibels(worstOtherBin / tonePower) <= -60, $"strongest spur {Decibels(worstOtherBin / tonePower):F1} dB relative to the tone");
    }

    [Theory]
    [InlineData(48000, 9000)]
    [InlineData(48000, 20000)]
    [InlineData(44100, 8500)]
    [InlineData(22050, 10000)]
    public void Tone_above_the_new_nyquist_is_attenuated_60_dB(int inputRate, double frequency)
    {
        var input = TestSignals.Sine(frequency, inputRate, 3 * inputRate);

        var output = MiddleSecond(Resample(input, inputRate));

        var attenuation = Decibels(Math.Pow(LevelNormalizer.Rms(output) / LevelNormalizer.Rms(input), 2));
        Assert.True(attenuation <= -60, $"{frequency} Hz from {inputRate} Hz is only {attenuation:F1} dB down");
    }

    [Theory]
    [InlineData(48000, 100)]
    [InlineData(48000, 7000)]
    [InlineData(44100, 1000)]
    [InlineData(44100, 5000)]
    [InlineData(22050, 3000)]
    [InlineData(22050, 7000)]
    [InlineData(8000, 440)]
    [InlineData(8000, 3500)]
    public void In_band_tone_keeps_amplitude_and_phase(int inputRate, double frequency)
    {
        const double amplitude = 0.5, phase = 0.7;
        var input = TestSignals.Sine(frequency, inputRate, 2 * inputRate, amplitude, phase);

        var output = Resample(input, inputRate);

        // The kernel is centred, so output sample n must be the same sinusoid sampled at time n / 16000.
        var expected = TestSignals.Sine(frequency, OutputRate, output.Length, amplitude, phase);
        var interior = Enumerable.Range(OutputRate / 4, OutputRate);
        var worstError = interior.Max(n => Math.Abs(output[n] - expected[n]));
        Assert.True(worstError <= 1e-3 * amplitude, $"max deviation {worstError} from the ideal {frequency} Hz tone");
    }

    [Fact]
    public void Constant_signal_keeps_its_level_and_length_is_the_rounded_up_ratio()
    {
        var resampler = new PolyphaseResampler(22050, OutputRate);
        var input = Enumerable.Repeat(0.3f, 22051).ToArray();

        var output = resampler.Process(input);

        Assert.Equal((long)Math.Ceiling(22051 * 320.0 / 441), output.Length);
        Assert.All(output.AsSpan(200, output.Length - 400).ToArray(), sample => Assert.InRange(sample, 0.3 - 1e-4, 0.3 + 1e-4));
    }

    [Fact]
    public void Same_rate_is_an_exact_copy_and_invalid_rates_are_rejected()
    {
        float[] input = [0.1f, -0.2f, 0.3f];
        Assert.Equal(input, new PolyphaseResampler(16000, 16000).Process(input));
        Assert.Empty(new PolyphaseResampler(48000, 16000).Process([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyphaseResampler(0, 16000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolyphaseResampler(16000, -1));
    }

    private static float[] Resample(float[] input, int inputRate) => new PolyphaseResampler(inputRate, OutputRate).Process(input);

    private static float[] MiddleSecond(float[] output) => output.AsSpan(OutputRate / 2, OutputRate).ToArray();

    /// <summary>Blackman-Harris windowed power spectrum (sidelobes below -92 dB), bins 0..N/2.</summary>
    private static double[] PowerSpectrum(float[] samples)
    {
        var n = samples.Length;
        var buffer = new Complex[n];
        for (var i = 0; i < n; i++)
        {
            var x = 2 * Math.PI * i / n;
            var window = 0.35875 - 0.48829 * Math.Cos(x) + 0.14128 * Math.Cos(2 * x) - 0.01168 * Math.Cos(3 * x);
            buffer[i] = new Complex(samples[i] * window, 0);
        }

        Fourier.Forward(buffer, FourierOptions.NoScaling);
        return buffer.Take(n / 2 + 1).Select(c => c.Magnitude * c.Magnitude).ToArray();
    }

    private static double Decibels(double powerRatio) => 10 * Math.Log10(powerRatio);
}
