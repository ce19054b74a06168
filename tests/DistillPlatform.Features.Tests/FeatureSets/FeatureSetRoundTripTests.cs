using System.Security.Cryptography;
using System.Text.Json;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using static DistillPlatform.Features.Tests.FeatureSets.FeatureSetFixture;

namespace DistillPlatform.Features.Tests.FeatureSets;

public class FeatureSetRoundTripTests : IDisposable
{
    // A shard may hold 10 frames of 3 float32 values.
    private static readonly FeatureSetWriterOptions TenFrameShards = new() { MaxShardBytes = 10 * Dimensions * sizeof(float) };

    private readonly FeatureSetFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    /// <summary>Train: 6 utterances of 2,3,4,2,3,4 frames; dev: 1; test: 2 (interleaved on arrival).</summary>
    private static List<Utterance> MixedSplits() =>
    [
        new(DataSplit.Train, 0, 2, 0, 0),
        new(DataSplit.Test, 1, 5, 2, 2),
        new(DataSplit.Train, 2, 3, 1, 0),
        new(DataSplit.Train, 3, 4, 1, 1),
        new(DataSplit.Dev, 4, 2, 0, 1),
        new(DataSplit.Train, 5, 2, 2, 1),
        new(DataSplit.Train, 6, 3, 0, 0),
        new(DataSplit.Test, 7, 1, 0, 2),
        new(DataSplit.Train, 8, 4, 1, 0),
    ];

    private FeatureSetManifest Write(string directory, IEnumerable<Utterance> utterances, FeatureSetWriterOptions options, FeatureSetDescription? description = null)
    {
        var writer = new FeatureSetWriter(directory, description ?? RealDescription(), options);
        AddAll(writer, utterances);
        return writer.Complete();
    }

    [Fact]
    public void Every_split_reads_back_exactly_with_shards_cut_at_the_size_limit()
    {
        string directory = _fixture.NewOutputDirectory();
        List<Utterance> planned = MixedSplits();

        FeatureSetManifest written = Write(directory, planned, TenFrameShards);
        FeatureSetReader reader = FeatureSetReader.Open(directory);

        Assert.Equal(written, reader.Manifest, new ManifestComparer());
        Assert.Equal(new[] { DataSplit.Train, DataSplit.Dev, DataSplit.Test }, reader.Splits);
        // Train frames 2+3+4 = 9 fit a 10-frame shard, the next 2 would not; then 2+3+4 = 9 again.
        FeatureSetSplit train = reader.Manifest.Split(DataSplit.Train)!;
        Assert.Equal(new[] { ("train-00000.safetensors", 3, 9L), ("train-00001.safetensors", 3, 9L) },
                     train.Shards.Select(s => (s.File, s.Utterances, s.Frames)));
        Assert.Equal(6, train.Utterances);
        Assert.Equal(18, train.Frames);
        Assert.Equal(new[] { 2, 3, 1 }, train.ClassCounts);
        Assert.Equal(new[] { "spk_a", "spk_b" }, train.Speakers);
        Assert.Equal(new[] { "spk_c" }, reader.Manifest.Split(DataSplit.Test)!.Speakers);

        foreach (DataSplit split in reader.Splits)
        {
            List<Utterance> expected = planned.Where(u => u.Split == split).ToList();
            FeatureData data = reader.ReadSplit(split);
            Assert.Equal(expected.Select(u => u.Id), data.UtteranceIds);
            Assert.Equal(expected.Select(u => (long)u.Frames), data.Lengths);
            Assert.Equal(expected.Select(u => (long)u.Label), data.Labels);
            Assert.Equal(expected.Select(u => (long)u.Speaker), data.Speakers);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.Equal(Frames(expected[i].Index, expected[i].Frames), data.Frames(i).ToArray());
            }
        }
    }

    [Fact]
    public void Streaming_yields_one_shard_at_a_time_in_order()
    {
        string directory = _fixture.NewOutputDirectory();
        Write(directory, MixedSplits(), TenFrameShards);

        List<FeatureData> shards = FeatureSetReader.Open(directory).ReadShards(DataSplit.Train).ToList();

        Assert.Equal(2, shards.Count);
        Assert.Equal(new[] { "utt000", "utt002", "utt003" }, shards[0].UtteranceIds);
        Assert.Equal(new[] { "utt005", "utt006", "utt008" }, shards[1].UtteranceIds);
        Assert.Equal(Frames(6, 3), shards[1].Frames(1).ToArray());
    }

    [Fact]
    public void The_utterance_limit_cuts_shards_too()
    {
        string directory = _fixture.NewOutputDirectory();
        var planned = Enumerable.Range(0, 5).Select(i => new Utterance(DataSplit.Train, i, 1, i % 3, 0));

        FeatureSetManifest manifest = Write(directory, planned, new FeatureSetWriterOptions { MaxShardUtterances = 2 });

        Assert.Equal(new[] { 2, 2, 1 }, manifest.Split(DataSplit.Train)!.Shards.Select(s => s.Utterances));
    }

    [Fact]
    public void An_utterance_larger_than_a_shard_gets_a_shard_of_its_own()
    {
        string directory = _fixture.NewOutputDirectory();
        Utterance[] planned = [new(DataSplit.Train, 0, 4, 0, 0), new(DataSplit.Train, 1, 15, 1, 0), new(DataSplit.Train, 2, 4, 2, 0)];

        FeatureSetManifest manifest = Write(directory, planned, TenFrameShards);

        Assert.Equal(new[] { 4L, 15L, 4L }, manifest.Split(DataSplit.Train)!.Shards.Select(s => s.Frames));
        Assert.Equal(Frames(1, 15), FeatureSetReader.Open(directory).ReadSplit(DataSplit.Train).Frames(1).ToArray());
    }

    [Fact]
    public void Shard_hashes_and_sizes_describe_the_files_on_disk()
    {
        string directory = _fixture.NewOutputDirectory();
        FeatureSetManifest manifest = Write(directory, MixedSplits(), TenFrameShards);

        foreach (FeatureShardEntry shard in manifest.Splits.Values.SelectMany(s => s.Shards))
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(directory, shard.File));
            Assert.Equal(bytes.Length, shard.Bytes);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), shard.Sha256);
        }
        Assert.Equal(
            new[] { "dev-00000.safetensors", "manifest.json", "test-00000.safetensors", "train-00000.safetensors", "train-00001.safetensors" },
            Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_manifest_json_uses_the_documented_names()
    {
        string directory = _fixture.NewOutputDirectory();
        Write(directory, MixedSplits(), TenFrameShards);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "manifest.json")));
        JsonElement root = json.RootElement;

        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal("real", root.GetProperty("kind").GetString());
        Assert.Equal("logmel-3-test", root.GetProperty("encoderId").GetString());
        Assert.Equal(3, root.GetProperty("dimensions").GetInt32());
        Assert.Equal("corpus-hash", root.GetProperty("sourceCorpusHash").GetString());
        Assert.Equal(2, root.GetProperty("splits").GetProperty("test").GetProperty("utterances").GetInt32());
        Assert.Equal("train", root.GetProperty("normalization").GetProperty("split").GetString());
    }

    [Fact]
    public void Normalization_statistics_cover_exactly_the_train_frames()
    {
        string directory = _fixture.NewOutputDirectory();
        List<Utterance> planned = MixedSplits();
        FeatureSetManifest manifest = Write(directory, planned, TenFrameShards);

        // Independent two-pass computation over the train frames only.
        List<float[]> trainFrames = planned.Where(u => u.Split == DataSplit.Train)
            .SelectMany(u => Frames(u.Index, u.Frames).Chunk(Dimensions)).ToList();
        FeatureNormalization normalization = manifest.Normalization!;
        Assert.Equal(18, normalization.Frames);
        for (int d = 0; d < Dimensions; d++)
        {
            double mean = trainFrames.Average(f => (double)f[d]);
            double std = Math.Sqrt(trainFrames.Average(f => (f[d] - mean) * (f[d] - mean)));
            Assert.Equal(mean, normalization.Mean[d], 9);
            Assert.Equal(std, normalization.Std[d], 9);
        }
    }

    [Fact]
    public void Normalization_can_be_switched_off()
    {
        string directory = _fixture.NewOutputDirectory();

        FeatureSetManifest manifest = Write(directory, MixedSplits(), TenFrameShards with { ComputeNormalization = false });

        Assert.Null(manifest.Normalization);
        Assert.Null(FeatureSetReader.Open(directory).Manifest.Normalization);
    }

    [Fact]
    public void A_synthetic_set_has_no_speakers_and_only_a_train_split()
    {
        string directory = _fixture.NewOutputDirectory();
        var description = new FeatureSetDescription("syn-1", FeatureSetKind.Synthetic, "logmel-3-test", "n_mels=3", 100, Dimensions,
            ["neutral", "happy", "sad"], [], "sampling-tests");
        var planned = Enumerable.Range(0, 4).Select(i => new Utterance(DataSplit.Train, i, 5, i % 3, FeatureSetLayout.UnknownSpeaker));

        Write(directory, planned, new FeatureSetWriterOptions(), description);
        FeatureSetReader reader = FeatureSetReader.Open(directory);

        Assert.Equal(FeatureSetKind.Synthetic, reader.Manifest.Kind);
        Assert.Null(reader.Manifest.SourceCorpusHash);
        Assert.Equal(new long[] { -1, -1, -1, -1 }, reader.ReadSplit(DataSplit.Train).Speakers);
        Assert.Empty(reader.Manifest.Split(DataSplit.Train)!.Speakers);
        var missing = Assert.Throws<KeyNotFoundException>(() => reader.ReadSplit(DataSplit.Test));
        Assert.Equal("Feature set 'syn-1' has no test split (it has: train).", missing.Message);
    }

    [Fact]
    public void Python_reads_a_shard_with_numpy_using_the_documented_layout()
    {
        string directory = _fixture.NewOutputDirectory();
        List<Utterance> planned = MixedSplits();
        Write(directory, planned, TenFrameShards);
        const string script = """
            import json, struct, sys, numpy as np
            raw = open(sys.argv[1], 'rb').read()
            n = struct.unpack('<Q', raw[:8])[0]
            header = json.loads(raw[8:8 + n]); data = raw[8 + n:]
            def tensor(name, dtype):
                b, e = header[name]['data_offsets']
                return np.frombuffer(data[b:e], dtype=dtype).reshape(header[name]['shape'])
            features, lengths = tensor('features', '<f4'), tensor('lengths', '<i8')
            starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
            ids = json.loads(header['__metadata__']['utterance_ids'])
            for i, s, l, y in zip(ids, starts, lengths, tensor('labels', '<i8')):
                frames = features[s:s + l]
                print(i, int(y), int(l), repr(float(frames[-1, -1])))
            """;

        string output = ReferencePython.RunInline(script, Path.Combine(directory, "train-00001.safetensors"));

        // Last value of each utterance: frame (length - 1), dimension 2.
        string[] expected = planned.Where(u => u.Split == DataSplit.Train).Skip(3)
            .Select(u => $"{u.Id} {u.Label} {u.Frames} {(double)Value(u.Index, u.Frames - 1, 2):R}").ToArray();
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Manifests hold lists, which records compare by reference; compare their JSON instead.</summary>
    private sealed class ManifestComparer : IEqualityComparer<FeatureSetManifest>
    {
        public bool Equals(FeatureSetManifest? x, FeatureSetManifest? y) =>
            JsonSerializer.Serialize(x, FeatureSetLayout.ManifestJson) == JsonSerializer.Serialize(y, FeatureSetLayout.ManifestJson);

        public int GetHashCode(FeatureSetManifest obj) => 0;
    }
}
