using DistillPlatform.Emotion.Data;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Gan.Sampling;
using DistillPlatform.Gan.Training;
using DistillPlatform.Torch;

namespace DistillPlatform.Sampling.Tests;

public sealed class SyntheticSetWriterTests(GeneratorFolderFixture fixture) : IClassFixture<GeneratorFolderFixture>
{
    private const int Frames = 16; // cpu-tiny
    private const int Dimensions = 80;

    private SyntheticSet Write(ClassCountPlan plan, long seed, SyntheticSetWriterOptions? options = null)
    {
        using var sampler = GanSampler.FromCheckpoint(fixture.GeneratorFolder);
        return SyntheticSetWriter.Write(sampler, fixture.Generator, plan, seed, fixture.NewFolder(), options);
    }

    [Fact]
    public void The_set_is_a_synthetic_train_split_in_the_real_format_readable_by_both_readers()
    {
        var plan = ClassCountPlan.Balanced(TinyGenerator.Classes, 3);

        SyntheticSet set = Write(plan, seed: 11);

        var reader = FeatureSetReader.Open(set.Directory);
        FeatureSetManifest manifest = reader.Manifest;
        Assert.Equal((set.Id, FeatureSetKind.Synthetic), (manifest.Id, manifest.Kind));
        Assert.Equal(SyntheticSetId.For("gen-tiny", plan, 11), set.Id);
        Assert.Equal((TinyGenerator.EncoderId, Dimensions, TinyGenerator.FrameRateHz), (manifest.EncoderId, manifest.Dimensions, manifest.FrameRateHz));
        Assert.Equal(TinyGenerator.Classes, manifest.Classes);
        Assert.Empty(manifest.Speakers);
        Assert.Null(manifest.Normalization);
        Assert.Equal(["train"], manifest.Splits.Keys);
        FeatureSetSplit train = manifest.Split(DataSplit.Train)!;
        Assert.Equal((9, 9L * Frames), (train.Utterances, train.Frames));
        Assert.Equal([3, 3, 3], train.ClassCounts);
        long filesBytes = Directory.EnumerateFiles(set.Directory).Sum(file => new FileInfo(file).Length);
        Assert.Equal(filesBytes, set.SizeBytes);

        FeatureData data = reader.ReadSplit(DataSplit.Train);
        Assert.All(data.Lengths, length => Assert.Equal(Frames, length));
        Assert.Equal([0L, 0, 0, 1, 1, 1, 2, 2, 2], data.Labels);
        Assert.All(data.Speakers, speaker => Assert.Equal(-1L, speaker));
        Assert.Equal(9, data.UtteranceIds.Distinct().Count());

        EmotionDataset dataset = EmotionDataset.Load(reader, DataSplit.Train);
        Assert.Equal((9, Dimensions), (dataset.Count, dataset.Dimensions));
        Assert.Equal([3, 3, 3], dataset.ClassCounts());
        Assert.All(Enumerable.Range(0, dataset.Count), position => Assert.Equal(Frames, dataset.FramesAt(position)));
    }

    [Fact]
    public void The_points_are_the_generators_maps_for_the_documented_noise()
    {
        var plan = ClassCountPlan.Explicit(TinyGenerator.Classes, new Dictionary<string, int> { ["happy"] = 2, ["neutral"] = 1 });

        FeatureData data = FeatureSetReader.Open(Write(plan, seed: 5).Directory).ReadSplit(DataSplit.Train);

        // One draw of the three points, classes in order, with the noise of the draw's seed.
        using var sampler = GanSampler.FromCheckpoint(fixture.GeneratorFolder);
        using var scope = torch.NewDisposeScope();
        float[] expected = sampler.Sample([1, 1, 2], SyntheticSetWriter.DrawSeed(5, 0)).ToArray<float>();
        Assert.Equal(expected, data.Features);
        Assert.Equal([1L, 1, 2], data.Labels);
    }

    [Fact]
    public void The_same_request_writes_identical_bytes_and_another_seed_other_points()
    {
        var plan = ClassCountPlan.Original(TinyGenerator.Classes, TinyGenerator.RealClassCounts, 2);

        SyntheticSet first = Write(plan, seed: 3);
        SyntheticSet again = Write(plan, seed: 3);
        SyntheticSet other = Write(plan, seed: 4);

        Assert.Equal(first.Id, again.Id);
        string[] files = Directory.EnumerateFiles(first.Directory).Select(Path.GetFileName).Order().ToArray()!;
        Assert.Equal(files, Directory.EnumerateFiles(again.Directory).Select(Path.GetFileName).Order());
        foreach (string file in files)
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Directory, file)), File.ReadAllBytes(Path.Combine(again.Directory, file)));

        Assert.NotEqual(first.Id, other.Id);
        float[] firstValues = FeatureSetReader.Open(first.Directory).ReadSplit(DataSplit.Train).Features;
        float[] otherValues = FeatureSetReader.Open(other.Directory).ReadSplit(DataSplit.Train).Features;
        Assert.Equal(firstValues.Length, otherValues.Length);
        Assert.NotEqual(firstValues, otherValues);
    }

    [Fact]
    public void Large_sets_are_streamed_into_shards_holding_the_same_points()
    {
        // 305 points: two draws (256 + 49); shards of at most 50 maps of 16 × 80 floats → 7 shards.
        var plan = ClassCountPlan.Explicit(TinyGenerator.Classes, new Dictionary<string, int> { ["angry"] = 300, ["neutral"] = 5 });
        long shardLimit = 50L * Frames * Dimensions * sizeof(float);

        SyntheticSet sharded = Write(plan, seed: 9, new SyntheticSetWriterOptions { MaxShardBytes = shardLimit });
        SyntheticSet whole = Write(plan, seed: 9);

        var shards = sharded.Manifest.Split(DataSplit.Train)!.Shards;
        Assert.Equal(7, shards.Count);
        Assert.All(shards, shard => Assert.True(shard.Frames * Dimensions * sizeof(float) <= shardLimit, $"{shard.File} holds {shard.Frames} frames"));
        Assert.Single(whole.Manifest.Split(DataSplit.Train)!.Shards);
        Assert.Equal(sharded.Id, whole.Id);

        FeatureData shardedData = FeatureSetReader.Open(sharded.Directory).ReadSplit(DataSplit.Train);
        FeatureData wholeData = FeatureSetReader.Open(whole.Directory).ReadSplit(DataSplit.Train);
        Assert.Equal(305, shardedData.Count);
        Assert.Equal(wholeData.Features, shardedData.Features);
        Assert.Equal(wholeData.Labels, shardedData.Labels);
        Assert.Equal(wholeData.UtteranceIds, shardedData.UtteranceIds);
        Assert.Equal([300, 0, 5], sharded.Manifest.Split(DataSplit.Train)!.ClassCounts);
    }

    [Fact]
    public void A_plan_for_other_classes_is_rejected()
    {
        var plan = ClassCountPlan.Balanced(["angry", "sad", "neutral"], 1);

        var error = Assert.Throws<ArgumentException>(() => Write(plan, seed: 1));

        Assert.Contains("[angry, sad, neutral] are not generator gen-tiny's [angry, happy, neutral]", error.Message);
    }
}
