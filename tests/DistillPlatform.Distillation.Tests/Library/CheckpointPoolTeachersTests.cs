using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Pool;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Gan.Data;
using DistillPlatform.Gan.Teachers;
using DistillPlatform.Torch;

namespace DistillPlatform.Distillation.Tests.Library;

public sealed class CheckpointPoolTeachersTests : IDisposable
{
    private readonly ToyFeatureSet _set = new();

    public void Dispose() => _set.Dispose();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_teacher_gives_the_pool_models_logits_for_the_same_utterances_in_GAN_units(bool poolNormalized)
    {
        using var pool = CheckpointPool.Load(ToyPool.Train(_set, poolNormalized));
        var options = poolNormalized ? EmotionDatasetOptions.NormalizedBy(_set.Reader.Manifest) : null;
        var poolData = EmotionDataset.Load(_set.Reader, DataSplit.Train, options);
        var (ganNormalization, ganFeatures) = GanUnitsOfTrainSplit();
        using var teachers = new CheckpointPoolTeachers(pool, ganNormalization, poolNormalized ? _set.Reader.Manifest.Normalization : null);
        using var scope = torch.NewDisposeScope();
        var batch = poolData.Batch(Enumerable.Range(0, poolData.Count).ToArray());
        var gan = Padded(ganFeatures, batch.Lengths, (int)batch.Features.shape[1]);

        for (int position = 0; position < pool.Count; position++)
        {
            float[] expected = pool.Get(position).Logits(batch.Features, batch.Mask).ToArray<float>();
            float[] actual = teachers.Get(position).Logits(gan, batch.Mask).ToArray<float>();
            Assert.Equal(expected.Length, actual.Length);
            Assert.All(expected.Zip(actual), pair => Assert.True(Math.Abs(pair.First - pair.Second) < 1e-4, $"{pair.First} vs {pair.Second}"));
        }
    }

    [Fact]
    public void Gradients_reach_the_GAN_units_scaled_by_the_unit_conversion()
    {
        using var pool = CheckpointPool.Load(ToyPool.Train(_set));
        var poolNormalization = _set.Reader.Manifest.Normalization!;
        var poolData = EmotionDataset.Load(_set.Reader, DataSplit.Train, EmotionDatasetOptions.NormalizedBy(_set.Reader.Manifest));
        var (ganNormalization, ganFeatures) = GanUnitsOfTrainSplit();
        using var teachers = new CheckpointPoolTeachers(pool, ganNormalization, poolNormalization);
        using var scope = torch.NewDisposeScope();
        var batch = poolData.Batch(Enumerable.Range(0, poolData.Count).ToArray());
        var gan = Padded(ganFeatures, batch.Lengths, (int)batch.Features.shape[1]).requires_grad_();
        var poolInput = batch.Features.clone().requires_grad_();

        teachers.Get(0).Logits(gan, batch.Mask).sum().backward();
        pool.Get(0).Logits(poolInput, batch.Mask).sum().backward();

        // Chain rule by hand: d pool-unit / d GAN-unit = σ_gan / σ_pool per dimension.
        float[] poolGradient = poolInput.grad!.ToArray<float>();
        float[] ganGradient = gan.grad!.ToArray<float>();
        Assert.Contains(ganGradient, g => g != 0);
        for (int i = 0; i < poolGradient.Length; i++)
        {
            int d = i % ToyFeatureSet.Dimensions;
            double expected = poolGradient[i] * ganNormalization.Std[d] / poolNormalization.Std[d];
            Assert.True(Math.Abs(expected - ganGradient[i]) <= 1e-5 + 1e-4 * Math.Abs(expected), $"element {i}: {expected} vs {ganGradient[i]}");
        }
    }

    [Fact]
    public void A_pool_of_other_feature_dimensions_is_refused()
    {
        using var pool = CheckpointPool.Load(ToyPool.Train(_set));
        var wrongDimensions = new FeatureNormalization(new float[4], [1, 1, 1, 1]);

        var error = Assert.Throws<ArgumentException>(() => new CheckpointPoolTeachers(pool, wrongDimensions, null));
        Assert.Contains("6-dimensional", error.Message);
    }

    /// <summary>The GAN's statistics of the train split and every utterance standardised with them, in split order.</summary>
    private (FeatureNormalization Normalization, float[][] Utterances) GanUnitsOfTrainSplit()
    {
        var data = _set.Reader.ReadSplit(DataSplit.Train);
        var utterances = Enumerable.Range(0, data.Count)
            .Select(i => new FeatureUtterance((int)data.Labels[i], (int)data.Lengths[i], data.Dimensions, data.Frames(i).ToArray()))
            .ToList();
        var normalization = FeatureNormalization.FromUtterances(utterances);
        var standardised = utterances
            .Select(u => u.Values.Select((v, i) => normalization.Normalize(v, i % u.Dimensions)).ToArray())
            .ToArray();
        return (normalization, standardised);
    }

    /// <summary>[B, T, D] with each utterance's frames first and zeros after (the GAN's padding value).</summary>
    private static Tensor Padded(float[][] utterances, IReadOnlyList<int> lengths, int frames)
    {
        int dimensions = ToyFeatureSet.Dimensions;
        var values = new float[utterances.Length * frames * dimensions];
        for (int b = 0; b < utterances.Length; b++)
            Array.Copy(utterances[b], 0, values, b * frames * dimensions, lengths[b] * dimensions);
        return torch.tensor(values, [utterances.Length, frames, dimensions]);
    }
}
