namespace DistillPlatform.Features.DemoCorpus;

/// <summary>
/// Post-processing of the synthesised speech: the voice-quality part of an emotion (tilt, harshness, breathiness,
/// tremor) that espeak-ng's prosody settings cannot express, then the recording conditions (level, background noise).
/// All randomness comes from the recipe's noise seed, so the output is deterministic.
/// </summary>
internal static class VoiceQualityEffects
{
    public static float[] Apply(float[] speech, int sampleRate, UtteranceRecipe recipe)
    {
        var random = new Random(recipe.NoiseSeed);
        var signal = speech.Select(s => (double)s).ToArray();
        ApplyTilt(signal, recipe.Tilt);
        ApplyDrive(signal, recipe.Drive);
        ApplyTremolo(signal, sampleRate, recipe.TremoloDepth, recipe.TremoloHz, random.NextDouble() * 2 * Math.PI);
        AddBreath(signal, sampleRate, recipe.Breathiness, random);
        Scale(signal, Math.Pow(10, recipe.GainDb / 20));
        AddBackgroundNoise(signal, recipe.SnrDb, random);
        LimitPeak(signal, 0.98);
        return signal.Select(s => (float)s).ToArray();
    }

    /// <summary>
    /// Positive tilt adds a first difference (emphasises high frequencies, a tense voice); negative tilt blends in a
    /// one-pole low-pass (a soft, dark voice).
    /// </summary>
    private static void ApplyTilt(double[] x, double tilt)
    {
        if (tilt == 0) return;
        double previousInput = 0, lowPass = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var input = x[i];
            lowPass = 0.15 * input + 0.85 * lowPass;
            x[i] = tilt > 0
                ? input + tilt * (input - previousInput)
                : (1 + tilt) * input - tilt * lowPass;
            previousInput = input;
        }
    }

    /// <summary>tanh soft clipping relative to the utterance peak, so the harshness does not depend on the level.</summary>
    private static void ApplyDrive(double[] x, double drive)
    {
        if (drive <= 1.0) return;
        var peak = Peak(x);
        if (peak == 0) return;
        var normaliser = Math.Tanh(drive);
        for (var i = 0; i < x.Length; i++) x[i] = peak * Math.Tanh(drive * x[i] / peak) / normaliser;
    }

    private static void ApplyTremolo(double[] x, int sampleRate, double depth, double hz, double phase)
    {
        if (depth <= 0) return;
        for (var i = 0; i < x.Length; i++) x[i] *= 1 + depth * Math.Sin(2 * Math.PI * hz * i / sampleRate + phase);
    }

    /// <summary>Noise shaped by the speech envelope (10 ms smoothing): audible only while speaking, like breath.</summary>
    private static void AddBreath(double[] x, int sampleRate, double level, Random random)
    {
        if (level <= 0) return;
        var smoothing = Math.Exp(-1.0 / (0.01 * sampleRate));
        double envelope = 0;
        for (var i = 0; i < x.Length; i++)
        {
            envelope = smoothing * envelope + (1 - smoothing) * Math.Abs(x[i]);
            x[i] += level * 4 * envelope * Gaussian(random);
        }
    }

    private static void AddBackgroundNoise(double[] x, double snrDb, Random random)
    {
        var signalPower = x.Length == 0 ? 0 : x.Sum(v => v * v) / x.Length;
        var noiseStd = Math.Sqrt(signalPower / Math.Pow(10, snrDb / 10));
        for (var i = 0; i < x.Length; i++) x[i] += noiseStd * Gaussian(random);
    }

    private static void Scale(double[] x, double gain)
    {
        for (var i = 0; i < x.Length; i++) x[i] *= gain;
    }

    /// <summary>Scales down (never up) so that loud, driven utterances do not hard-clip in 16-bit PCM.</summary>
    private static void LimitPeak(double[] x, double maxPeak)
    {
        var peak = Peak(x);
        if (peak > maxPeak) Scale(x, maxPeak / peak);
    }

    private static double Peak(double[] x) => x.Length == 0 ? 0 : x.Max(Math.Abs);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
