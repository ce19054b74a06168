namespace DistillPlatform.Features.Tests.Audio;

/// <summary>Deterministic synthetic signals and raw-file helpers shared by the audio and encoder tests.</summary>
internal static class TestSignals
{
    public static float[] Sine(double frequencyHz, int sampleRate, int length, double amplitude = 0.5, double phase = 0)
    {
        var samples = new float[length];
        for (var n = 0; n < length; n++)
        {
            samples[n] = (float)(amplitude * Math.Sin(2 * Math.PI * frequencyHz * n / sampleRate + phase));
        }

        return samples;
    }

    /// <summary>Two tones plus seeded white noise: a broadband, speech-like level signal.</summary>
    public static float[] TonesAndNoise(int sampleRate, int length, int seed)
    {
        var random = new Random(seed);
        var samples = new float[length];
        for (var n = 0; n < length; n++)
        {
            var t = (double)n / sampleRate;
            samples[n] = (float)(0.3 * Math.Sin(2 * Math.PI * 220 * t) + 0.2 * Math.Sin(2 * Math.PI * 1375.5 * t + 1)
                                 + 0.05 * (random.NextDouble() * 2 - 1));
        }

        return samples;
    }

    /// <summary>Interleaves channels (all the same length) for a raw multichannel file.</summary>
    public static float[] Interleave(params float[][] channels)
    {
        var interleaved = new float[channels[0].Length * channels.Length];
        for (var n = 0; n < channels[0].Length; n++)
        {
            for (var c = 0; c < channels.Length; c++)
            {
                interleaved[n * channels.Length + c] = channels[c][n];
            }
        }

        return interleaved;
    }

    public static void WriteRawFloat32(string path, float[] samples)
    {
        var bytes = new byte[samples.Length * 4];
        Buffer.BlockCopy(samples, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(path, bytes);
    }

    public static double[] ReadRawFloat64(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var values = new double[bytes.Length / 8];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }
}
