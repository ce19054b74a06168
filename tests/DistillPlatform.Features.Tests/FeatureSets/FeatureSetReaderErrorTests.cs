using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.SafeTensors;
using static DistillPlatform.Features.Tests.FeatureSets.FeatureSetFixture;

namespace DistillPlatform.Features.Tests.FeatureSets;

/// <summary>A reader must refuse anything that disagrees with the manifest, and say what and where.</summary>
public class FeatureSetReaderErrorTests : IDisposable
{
    private readonly FeatureSetFixture _fixture = new();
    private readonly string _directory;

    public FeatureSetReaderErrorTests()
    {
        _directory = _fixture.NewOutputDirectory();
        var writer = new FeatureSetWriter(_directory, RealDescription(), new FeatureSetWriterOptions { MaxShardUtterances = 2 });
        AddAll(writer, Enumerable.Range(0, 4).Select(i => new Utterance(DataSplit.Train, i, 2 + i, i % 3, i % 2)));
        writer.Complete();
    }

    public void Dispose() => _fixture.Dispose();

    private string ManifestPath => Path.Combine(_directory, FeatureSetLayout.ManifestFileName);

    private string ShardPath(int index) => Path.Combine(_directory, FeatureSetLayout.ShardFileName(DataSplit.Train, index));

    private void EditManifest(Action<JsonNode> edit)
    {
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(ManifestPath))!;
        edit(manifest);
        File.WriteAllText(ManifestPath, manifest.ToJsonString());
    }

    private FeatureSetFormatException ReadFails() =>
        Assert.Throws<FeatureSetFormatException>(() => FeatureSetReader.Open(_directory).ReadSplit(DataSplit.Train));

    [Fact]
    public void A_folder_without_manifest_is_an_unfinished_write()
    {
        File.Delete(ManifestPath);

        FeatureSetFormatException error = ReadFails();

        Assert.Equal($"'{_directory}' has no manifest.json; it is not a feature set, or its writer did not finish (the manifest is written last).", error.Message);
    }

    [Fact]
    public void An_unknown_format_version_is_refused()
    {
        EditManifest(m => m["formatVersion"] = 2);

        FeatureSetFormatException error = ReadFails();

        Assert.Equal($"{ManifestPath} is inconsistent (1 problem(s)):\n  formatVersion is 2; this reader understands version 1", error.Message);
    }

    [Fact]
    public void A_manifest_that_contradicts_itself_lists_every_contradiction()
    {
        EditManifest(m =>
        {
            m["splits"]!["train"]!["classCounts"] = new JsonArray(1, 1);
            m["splits"]!["train"]!["shards"]![0]!["file"] = "../elsewhere.safetensors";
            m["dimensions"] = 0;
        });

        FeatureSetFormatException error = ReadFails();

        Assert.Equal(
            $"{ManifestPath} is inconsistent (4 problem(s)):\n" +
            "  dimensions is 0, must be at least 1\n" +
            "  split 'train': classCounts has 2 entries for 3 classes\n" +
            "  split 'train': classCounts add up to 2, utterances is 4\n" +
            "  split 'train': shard file '../elsewhere.safetensors' is not a plain file name",
            error.Message);
    }

    [Fact]
    public void Normalization_statistics_must_match_the_dimensions()
    {
        EditManifest(m => m["normalization"]!["mean"] = new JsonArray(0.5, 0.5));

        Assert.Equal($"{ManifestPath} is inconsistent (1 problem(s)):\n  normalization must have 3 means and stds", ReadFails().Message);
    }

    [Fact]
    public void Invalid_json_is_reported_with_the_file()
    {
        File.WriteAllText(ManifestPath, "{ \"formatVersion\": 1, ");

        FeatureSetFormatException error = ReadFails();

        Assert.StartsWith($"{ManifestPath} is not a valid feature set manifest: ", error.Message);
    }

    [Fact]
    public void A_missing_shard()
    {
        File.Delete(ShardPath(1));

        FeatureSetFormatException error = ReadFails();

        Assert.Equal($"Feature set 'fs-test', shard train-00001.safetensors: the file is missing from '{_directory}'; the folder is incomplete (download it again).", error.Message);
    }

    [Fact]
    public void A_truncated_shard()
    {
        byte[] bytes = File.ReadAllBytes(ShardPath(0));
        File.WriteAllBytes(ShardPath(0), bytes[..^4]);

        FeatureSetFormatException error = ReadFails();

        Assert.Equal($"Feature set 'fs-test', shard train-00000.safetensors: the file has {bytes.Length - 4} bytes but the manifest says {bytes.Length}; it is truncated or replaced.", error.Message);
    }

    [Fact]
    public void A_corrupted_shard_fails_its_hash()
    {
        byte[] bytes = File.ReadAllBytes(ShardPath(0));
        string expected = Convert.ToHexStringLower(SHA256.HashData(bytes));
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(ShardPath(0), bytes);

        FeatureSetFormatException error = ReadFails();

        Assert.Equal(
            $"Feature set 'fs-test', shard train-00000.safetensors: SHA-256 is {Convert.ToHexStringLower(SHA256.HashData(bytes))} " +
            $"but the manifest says {expected}; the file is corrupt or belongs to another feature set.",
            error.Message);
    }

    /// <summary>Replaces shard 0 with other content and updates its size and hash, as a buggy writer could.</summary>
    private void ReplaceShard0(SafeTensorsBuilder builder)
    {
        builder.Save(ShardPath(0));
        byte[] bytes = File.ReadAllBytes(ShardPath(0));
        EditManifest(m =>
        {
            JsonNode shard = m["splits"]!["train"]!["shards"]![0]!;
            shard["bytes"] = bytes.Length;
            shard["sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
        });
    }

    private static SafeTensorsBuilder Shard0(long[] labels, long[] speakers, long[]? lengths = null, string split = "train") =>
        new SafeTensorsBuilder()
            .Add("features", Frames(0, 2).Concat(Frames(1, 3)).ToArray(), 5, Dimensions)
            .Add("lengths", lengths ?? [2, 3], 2)
            .Add("labels", labels, 2)
            .Add("speakers", speakers, 2)
            .WithMetadata("format", "distill-featureset-shard/1")
            .WithMetadata("feature_set_id", "fs-test")
            .WithMetadata("split", split)
            .WithMetadata("shard_index", "0")
            .WithMetadata("utterance_ids", "[\"utt000\",\"utt001\"]");

    [Fact]
    public void A_correctly_hashed_but_rewritten_shard_is_still_checked_against_the_manifest()
    {
        ReplaceShard0(Shard0([0, 1], [0, 1]));
        Assert.Equal(4, FeatureSetReader.Open(_directory).ReadSplit(DataSplit.Train).Count);

        ReplaceShard0(Shard0([0, 0], [0, 1]));
        Assert.Equal(
            "Feature set 'fs-test', train split: the shards hold class counts [3, 0, 1] but the manifest says [2, 1, 1] (classes: neutral, happy, sad).",
            ReadFails().Message);

        ReplaceShard0(Shard0([0, 5], [0, 1]));
        Assert.Equal("Feature set 'fs-test', shard train-00000.safetensors: utterance 1 has label 5, outside the 3 classes.", ReadFails().Message);

        ReplaceShard0(Shard0([0, 1], [0, 3]));
        Assert.Equal("Feature set 'fs-test', shard train-00000.safetensors: utterance 1 has speaker 3, not -1 or an index into the 3 speakers.", ReadFails().Message);

        ReplaceShard0(Shard0([0, 1], [0, 1], lengths: [1, 4]));
        Assert.Equal(4, FeatureSetReader.Open(_directory).ReadSplit(DataSplit.Train).Lengths[1]);

        ReplaceShard0(Shard0([0, 1], [0, 1], lengths: [2, 2]));
        Assert.Equal("Feature set 'fs-test', shard train-00000.safetensors: 'lengths' add up to 4 frames but 'features' and the manifest hold 5.", ReadFails().Message);

        ReplaceShard0(Shard0([0, 1], [0, 1], split: "test"));
        Assert.Equal("Feature set 'fs-test', shard train-00000.safetensors: metadata 'split' is 'test', expected 'train'.", ReadFails().Message);
    }

    [Fact]
    public void A_shard_with_the_wrong_tensor_shape()
    {
        ReplaceShard0(new SafeTensorsBuilder()
            .Add("features", new float[5 * 2], 5, 2)
            .Add("lengths", new long[] { 2, 3 }, 2)
            .Add("labels", new long[] { 0, 1 }, 2)
            .Add("speakers", new long[] { 0, 1 }, 2)
            .WithMetadata("format", "distill-featureset-shard/1")
            .WithMetadata("feature_set_id", "fs-test")
            .WithMetadata("split", "train")
            .WithMetadata("shard_index", "0"));

        Assert.Equal(
            "Feature set 'fs-test', shard train-00000.safetensors: tensor 'features' is F32 [5, 2], expected F32 [5, 3] from the manifest.",
            ReadFails().Message);
    }

    [Fact]
    public void A_shard_without_utterance_ids()
    {
        ReplaceShard0(new SafeTensorsBuilder()
            .Add("features", new float[5 * 3], 5, 3)
            .Add("lengths", new long[] { 2, 3 }, 2)
            .Add("labels", new long[] { 0, 1 }, 2)
            .Add("speakers", new long[] { 0, 1 }, 2)
            .WithMetadata("format", "distill-featureset-shard/1")
            .WithMetadata("feature_set_id", "fs-test")
            .WithMetadata("split", "train")
            .WithMetadata("shard_index", "0"));

        Assert.Equal(
            "Feature set 'fs-test', shard train-00000.safetensors: metadata 'utterance_ids' must be a JSON array of 2 non-empty strings.",
            ReadFails().Message);
    }
}
