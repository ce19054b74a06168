namespace DistillPlatform.Features.DemoCorpus;

/// <summary>
/// A random stream per (corpus seed, utterance index). Utterances are rendered in parallel in any order, so each one
/// needs its own stream that does not depend on what was drawn before it elsewhere.
/// </summary>
internal sealed class UtteranceRandom
{
    private readonly Random _random;

    private UtteranceRandom(Random random) => _random = random;

    public static UtteranceRandom For(int corpusSeed, int stream, int index) =>
        new(new Random(Mix(corpusSeed, stream, index)));

    public double Uniform(double min, double max) => min + (max - min) * _random.NextDouble();

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Standard normal draw (Box–Muller).</summary>
    public double Gaussian()
    {
        var u1 = 1.0 - _random.NextDouble(); // in (0, 1], so the logarithm is finite
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public double Gaussian(double mean, double standardDeviation) => mean + standardDeviation * Gaussian();

    /// <summary>SplitMix64 finaliser over the three inputs: nearby seeds and indices give unrelated streams.</summary>
    private static int Mix(int corpusSeed, int stream, int index)
    {
        var z = (ulong)(uint)corpusSeed * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)stream << 32 ^ (uint)index;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
