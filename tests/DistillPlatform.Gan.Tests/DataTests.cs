using DistillPlatform.Gan.Data;
using DistillPlatform.Gan.Training;
using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Tests;

public sealed class DataTests
{
    [Fact]
    public void NormalizationUsesPerDimensionMeanAndPopulationStd()
    {
        // Dimension 0 takes 1, 3, 5 (mean 3, std sqrt(8/3)); dimension 1 is constant 7 (std floored).
        var utterances = new[]
        {
            new FeatureUtterance(0, 2, 2, [1, 7, 3, 7]),
            new FeatureUtterance(1, 1, 2, [5, 7]),
        };
        var normalization = FeatureNormalization.FromUtterances(utterances);
        Assert.Equal([3f, 7f], normalization.Mean);
        Assert.Equal(Math.Sqrt(8.0 / 3.0), normalization.Std[0], 5);
        Assert.Equal(FeatureNormalization.MinimumStd, normalization.Std[1]);

        using var scope = torch.NewDisposeScope();
        var restored = normalization.Denormalize(torch.tensor(new float[] { 1, 0 }, [1, 2])).ToArray<float>();
        Assert.Equal(3 + Math.Sqrt(8.0 / 3.0), restored[0], 5);
        Assert.Equal(7f, restored[1]);
    }

    [Fact]
    public void SamplerBalancesClassesCropsLongAndPadsShortUtterances()
    {
        var longOne = new FeatureUtterance(0, 12, 2, Enumerable.Range(0, 24).Select(v => (float)v).ToArray());
        var shortOne = new FeatureUtterance(1, 3, 2, Enumerable.Range(100, 6).Select(v => (float)v).ToArray());
        var normalization = new FeatureNormalization([0f, 0f], [1f, 1f]);
        var sampler = new ClassBalancedCropSampler([longOne, shortOne], normalization, frames: 5, batchSize: 4);

        using var scope = torch.NewDisposeScope();
        var batch = sampler.NextBatch(new ResumableRandom(1));
        var labels = batch.Labels.ToArray<long>();
        var values = batch.Features.ToArray<float>();
        var mask = batch.Mask.ToArray<bool>();
        Assert.Equal(2, labels.Count(l => l == 0));
        Assert.Equal(2, labels.Count(l => l == 1));
        for (int sample = 0; sample < 4; sample++)
        {
            var rows = values.Skip(sample * 10).Take(10).ToArray();
            var rowMask = mask.Skip(sample * 5).Take(5).ToArray();
            if (labels[sample] == 0)
            {
                // A window of 5 consecutive frames of 0, 1, 2, ...: value = 2·(offset + frame) + dimension.
                float offset = rows[0] / 2;
                Assert.Equal(Enumerable.Range(0, 10).Select(i => 2 * offset + i), rows);
                Assert.All(rowMask, Assert.True);
            }
            else
            {
                Assert.Equal([100f, 101, 102, 103, 104, 105, 0, 0, 0, 0], rows);
                Assert.Equal([true, true, true, false, false], rowMask);
            }
        }
    }

    [Fact]
    public void SamplerIsDeterministicGivenTheRandomState()
    {
        var sampler = TinyGan.Sampler(TinyGan.Corpus());
        using var scope = torch.NewDisposeScope();
        var first = sampler.NextBatch(new ResumableRandom(11));
        var second = sampler.NextBatch(new ResumableRandom(11));
        Assert.True(first.Features.equal(second.Features));
        Assert.True(first.Labels.equal(second.Labels));
    }

    [Fact]
    public void ResumableRandomContinuesFromARestoredState()
    {
        var original = new ResumableRandom(42);
        for (int i = 0; i < 5; i++)
            original.NextDouble();
        var state = original.State;
        var expected = Enumerable.Range(0, 20).Select(_ => original.Next(1000)).ToArray();

        var restored = new ResumableRandom(7);
        restored.Restore(state);
        Assert.Equal(expected, Enumerable.Range(0, 20).Select(_ => restored.Next(1000)).ToArray());
        Assert.All(Enumerable.Range(0, 1000).Select(_ => restored.Next(3, 9)), value => Assert.InRange(value, 3, 8));
        Assert.All(Enumerable.Range(0, 1000).Select(_ => restored.NextDouble()), value => Assert.InRange(value, 0.0, 0.9999999999));
        Assert.Throws<ArgumentException>(() => restored.Restore([0, 0, 0, 0]));
    }

    [Fact]
    public void BadUtterancesAreRejected()
    {
        Assert.Throws<ArgumentException>(() => new FeatureUtterance(0, 3, 2, new float[5]).Validate());
        Assert.Throws<ArgumentException>(() => FeatureNormalization.FromUtterances([]));
        var normalization = new FeatureNormalization([0f], [1f]);
        Assert.Contains("dimensions", Assert.Throws<ArgumentException>(
            () => new ClassBalancedCropSampler([new FeatureUtterance(0, 2, 2, new float[4])], normalization, 4, 2)).Message);
    }
}
