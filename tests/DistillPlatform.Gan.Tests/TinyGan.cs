using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Data;
using DistillPlatform.Gan.Teachers;
using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Tests;

/// <summary>A tiny model and a synthetic ragged corpus, so trainer tests take a fraction of a second per step.</summary>
internal static class TinyGan
{
    public const int Classes = 3;

    public static GanModelConfig Config(GanArchitecture architecture = GanArchitecture.Cnn) => new(
        Classes: Classes, Frames: 8, FeatureDimensions: 6, NoiseDimensions: 4, Architecture: architecture,
        Upsampling: UpsamplingMode.NearestConv, GeneratorChannels: 8, UpsamplingBlocks: 2, CriticChannels: 4, CriticMaxChannels: 8,
        AttentionHeads: 2);

    /// <summary>
    /// Utterances of 5 to 14 frames (shorter and longer than the 8-frame crop) whose values follow a class-specific
    /// sinusoid over time plus a per-dimension offset, so real maps have structure a critic can tell from noise.
    /// </summary>
    public static List<FeatureUtterance> Corpus(int perClass = 4, int seed = 3)
    {
        var random = new Random(seed);
        var utterances = new List<FeatureUtterance>();
        for (int label = 0; label < Classes; label++)
        {
            for (int index = 0; index < perClass; index++)
            {
                int frames = 5 + random.Next(10);
                var values = new float[frames * 6];
                for (int frame = 0; frame < frames; frame++)
                    for (int dimension = 0; dimension < 6; dimension++)
                        values[frame * 6 + dimension] = (float)(10 + dimension + 3 * Math.Sin(0.8 * frame + 2 * label) + 0.1 * random.NextDouble());
                utterances.Add(new FeatureUtterance(label, frames, 6, values));
            }
        }
        return utterances;
    }

    public static ClassBalancedCropSampler Sampler(List<FeatureUtterance> corpus, int batchSize = 6) =>
        new(corpus, FeatureNormalization.FromUtterances(corpus), frames: 8, batchSize);
}

/// <summary>A fixed set of random linear teachers over 6-dimensional features (owned by the pool).</summary>
internal sealed class TinyTeacherPool : ITeacherPool, IDisposable
{
    private readonly List<(Tensor Weight, Tensor Bias)> _parameters = [];
    private readonly List<ISoftmaxTeacher> _teachers = [];

    public TinyTeacherPool(int count)
    {
        var outer = torch.get_rng_state();
        torch.manual_seed(99);
        for (int i = 0; i < count; i++)
        {
            var weight = torch.randn(TinyGan.Classes, 6).DetachFromDisposeScope();
            var bias = torch.randn(TinyGan.Classes).DetachFromDisposeScope();
            _parameters.Add((weight, bias));
            _teachers.Add(new MaskedMeanLinearTeacher(weight, bias));
        }
        torch.set_rng_state(outer);
    }

    public int Draws { get; private set; }

    public ISoftmaxTeacher Draw(Random random)
    {
        Draws++;
        return _teachers[random.Next(_teachers.Count)];
    }

    public void Dispose()
    {
        foreach (var (weight, bias) in _parameters)
        {
            weight.Dispose();
            bias.Dispose();
        }
    }
}
