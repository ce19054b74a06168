using DistillPlatform.Features.Encoders;
using DistillPlatform.Features.Tests.Audio;
using Xunit.Abstractions;

namespace DistillPlatform.Features.Tests.Encoders;

public sealed class LogMelEncoderTests(ITestOutputHelper output)
{
    [Fact]
    public void Matches_the_torch_stft_reference_within_1e_minus_4()
    {
        using var directory = new TemporaryDirectory();
        var signals = new Dictionary<string, float[]>
        {
            ["broadband"] = TestSignals.TonesAndNoise(16000, 19_751, seed: 1), // length not a multiple of the hop
            ["quiet_with_silence"] = [.. new float[3000], .. TestSignals.TonesAndNoise(16000, 8000, seed: 2).Select(s => s * 0.01f), .. new float[2345]],
            ["chirpish"] = Enumerable.Range(0, 16000).Select(n => (float)(0.7 * Math.Sin(2 * Math.PI * (100 + 0.2 * n) * n / 16000))).ToArray(),
            ["short"] = TestSignals.TonesAndNoise(16000, 700, seed: 3), // barely longer than the 256-sample reflection
        };
        foreach (var (name, samples) in signals)
        {
            TestSignals.WriteRawFloat32(directory.File($"{name}.f32"), samples);
        }

        var script = Path.Combine(AppContext.BaseDirectory, "Encoders", "logmel_reference.py");
        ExternalTool.Run(ExternalTool.PythonWithTorch, [script, directory.Path, .. signals.Keys.Select(name => directory.File($"{name}.f32"))]);

        using var encoder = new LogMelEncoder();
        foreach (var (name, samples) in signals)
        {
            var reference = TestSignals.ReadRawFloat64(directory.File($"{name}.logmel.f64"));
            var features = encoder.Encode(samples);

            Assert.Equal(reference.Length, features.Values.Length);
            Assert.Equal(reference.Length / 80, features.Frames);
            var worst = Enumerable.Range(0, reference.Length).Max(i => Math.Abs(reference[i] - features.Values[i]));
            output.WriteLine($"{name}: {features.Frames} frames, largest difference {worst:E2}");
            Assert.True(worst <= 1e-4, $"{name}: largest difference from the torch reference is {worst}");
        }
    }

    [Fact]
    public void Describes_itself()
    {
        using var encoder = new LogMelEncoder();

        Assert.Equal("logmel-80-25ms-10ms", encoder.Id);
        Assert.Equal(16000, encoder.SampleRate);
        Assert.Equal(80, encoder.Dimensions);
        Assert.Equal(100.0, encoder.FrameRateHz);
        Assert.Equal("logmel-64-32ms-16ms-fft1024-22050hz", new LogMelSettings(64, 32, 16, 1024, 22050).Id);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(159, 1)]
    [InlineData(160, 2)]
    [InlineData(16000, 101)]
    public void Frame_count_is_one_plus_length_over_hop(int samples, int frames)
    {
        using var encoder = new LogMelEncoder();

        var features = encoder.Encode(new float[samples]);

        Assert.Equal(frames, features.Frames);
        Assert.Equal(frames * 80, features.Values.Length);
    }

    [Fact]
    public void Silence_maps_to_log_of_the_offset_and_very_short_input_stays_finite()
    {
        using var encoder = new LogMelEncoder();

        Assert.All(encoder.Encode(new float[1000]).Values, v => Assert.Equal(Math.Log(1e-6), v, 1e-6));
        Assert.All(encoder.Encode(TestSignals.Sine(440, 16000, 37)).Values, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Tone_energy_peaks_in_the_mel_bin_containing_its_frequency()
    {
        using var encoder = new LogMelEncoder();
        var features = encoder.Encode(TestSignals.Sine(1000, 16000, 16000));

        var middle = features.Values.AsSpan(50 * 80, 80).ToArray();
        var loudestBin = Array.IndexOf(middle, middle.Max());

        // Filter m's peak sits at MelToHz((m + 1) · mel(8000) / 81); the nearest peak to 1 kHz is the expected bin.
        var expected = Enumerable.Range(0, 80)
            .MinBy(m => Math.Abs(MelFilterbank.MelToHz((m + 1) * MelFilterbank.HzToMel(8000) / 81) - 1000));
        Assert.Equal(expected, loudestBin);
    }

    [Fact]
    public void One_instance_encodes_concurrently_with_the_same_results()
    {
        using var encoder = new LogMelEncoder();
        var inputs = Enumerable.Range(0, 8).Select(seed => TestSignals.TonesAndNoise(16000, 8000 + 1000 * seed, seed)).ToArray();
        var serial = inputs.Select(input => encoder.Encode(input).Values).ToArray();

        var parallel = new float[inputs.Length][];
        Parallel.For(0, inputs.Length, i => parallel[i] = encoder.Encode(inputs[i]).Values);

        for (var i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(serial[i], parallel[i]);
        }
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        Assert.Contains("power of two", Assert.Throws<ArgumentException>(() => new LogMelEncoder(new LogMelSettings(FftSize: 300))).Message);
        Assert.Contains("power of two", Assert.Throws<ArgumentException>(() => new LogMelEncoder(new LogMelSettings(FftSize: 256))).Message);
        Assert.Throws<ArgumentException>(() => new LogMelEncoder(new LogMelSettings(MelBins: 0)));
    }
}
