using DistillPlatform.Emotion.Data;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Torch;

namespace DistillPlatform.Emotion.Tests;

public sealed class EmotionDatasetTests
{
    // Three utterances of 2-dimensional frames; frame f of utterance u holds (10u + f, -(10u + f)).
    private static FeatureData ThreeUtterances()
    {
        long[] lengths = [3, 1, 5];
        var values = new List<float>();
        for (int u = 0; u < lengths.Length; u++)
            for (int f = 0; f < lengths[u]; f++)
                values.AddRange([10 * u + f, -(10 * u + f)]);
        return new FeatureData(2, ["a", "b", "c"], lengths, [0, 1, 1], [0, 1, -1], values.ToArray());
    }

    [Fact]
    public void Batch_pads_to_the_longest_utterance_and_masks_the_padding()
    {
        var data = EmotionDataset.FromFeatureData(ThreeUtterances(), ["neutral", "angry"], ["s0", "s1"]);
        using var scope = torch.NewDisposeScope();

        var batch = data.Batch([1, 0]);

        Assert.Equal([2L, 3, 2], batch.Features.shape);
        float[] expected = [10, -10, 0, 0, 0, 0, /* utterance 0 */ 0, 0, 1, -1, 2, -2];
        Assert.Equal(expected, batch.Features.ToArray<float>());
        Assert.Equal([true, false, false, true, true, true], batch.Mask.ToArray<bool>());
        Assert.Equal([1L, 0], batch.Labels.ToArray<long>());
        Assert.Equal([1, 3], batch.Lengths);
        Assert.Equal([1, 0], batch.Positions);
    }

    [Fact]
    public void Long_utterances_are_cut_to_their_central_frames()
    {
        var data = EmotionDataset.FromFeatureData(ThreeUtterances(), ["neutral", "angry"], ["s0", "s1"], new EmotionDatasetOptions { MaxFrames = 3 });
        using var scope = torch.NewDisposeScope();

        var batch = data.Batch([2]);

        // Utterance 2 has frames 20..24; the central three are 21, 22, 23.
        Assert.Equal([21f, -21, 22, -22, 23, -23], batch.Features.ToArray<float>());
        Assert.Equal(3, data.FramesAt(2));
        Assert.Equal(1, data.FramesAt(1));
    }

    [Fact]
    public void Normalisation_uses_the_given_statistics_per_dimension()
    {
        var statistics = new FeatureNormalization("train", 9, Mean: [1.0, -1.0], Std: [2.0, 0.0]);
        var data = EmotionDataset.FromFeatureData(ThreeUtterances(), ["neutral", "angry"], ["s0", "s1"],
            new EmotionDatasetOptions { Normalization = statistics, NormalizationFloor = 0.5 });
        using var scope = torch.NewDisposeScope();

        var batch = data.Batch([1]);

        // (10 - 1) / 2 and (-10 - -1) / max(0, 0.5).
        Assert.Equal([4.5f, -18f], batch.Features.ToArray<float>());
    }

    [Fact]
    public void Load_reads_a_split_of_a_feature_set_written_by_the_writer()
    {
        using var toy = new ToyFeatureSet(new ToySpec());

        var dev = EmotionDataset.Load(toy.Reader, DataSplit.Dev, EmotionDatasetOptions.NormalizedBy(toy.Reader.Manifest));

        var split = toy.Reader.Manifest.Split(DataSplit.Dev)!;
        Assert.Equal(split.Utterances, dev.Count);
        Assert.Equal(split.ClassCounts, dev.ClassCounts());
        Assert.Equal(toy.Spec.Dimensions, dev.Dimensions);
        Assert.Equal(toy.Reader.Manifest.Classes, dev.Classes);
        Assert.Equal($"{toy.Reader.Manifest.Id}/dev", dev.SourceId);
    }

    [Fact]
    public void Shuffled_batch_positions_cover_every_utterance_once_and_repeat_with_the_seed()
    {
        using var toy = new ToyFeatureSet(new ToySpec());
        var train = EmotionDataset.Load(toy.Reader, DataSplit.Train);

        var first = train.BatchPositions(7, new SeededRandom(3));
        var again = train.BatchPositions(7, new SeededRandom(3));
        var other = train.BatchPositions(7, new SeededRandom(4));

        Assert.All(first.SkipLast(1), b => Assert.Equal(7, b.Length));
        Assert.Equal(Enumerable.Range(0, train.Count), first.SelectMany(b => b).Order());
        Assert.Equal(first.SelectMany(b => b), again.SelectMany(b => b));
        Assert.NotEqual(first.SelectMany(b => b), other.SelectMany(b => b));
    }

    [Fact]
    public void Subset_keeps_labels_and_speakers_of_the_chosen_utterances()
    {
        var data = EmotionDataset.FromFeatureData(ThreeUtterances(), ["neutral", "angry"], ["s0", "s1"]);

        var subset = data.Subset([2, 0]);

        Assert.Equal(2, subset.Count);
        Assert.Equal(["c", "a"], [subset.UtteranceIdAt(0), subset.UtteranceIdAt(1)]);
        Assert.Equal([1, 0], subset.Labels());
        Assert.Equal([-1, 0], [subset.SpeakerAt(0), subset.SpeakerAt(1)]);
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_clear_message()
    {
        var error = Assert.Throws<ArgumentException>(() => EmotionDataset.FromFeatureData(ThreeUtterances(), ["only"], []));
        Assert.Contains("at least 2 classes", error.Message);
        var badLabel = Assert.Throws<ArgumentException>(() =>
            EmotionDataset.FromFeatureData(new FeatureData(1, ["x"], [1], [5], [-1], [0f]), ["a", "b"], []));
        Assert.Contains("label 5", badLabel.Message);
    }
}
