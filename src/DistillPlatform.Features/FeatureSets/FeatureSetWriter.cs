using System.Security.Cryptography;
using System.Text.Json;
using DistillPlatform.Features.Corpus;
using DistillPlatform.SafeTensors;

namespace DistillPlatform.Features.FeatureSets;

/// <summary>
/// Writes a feature set folder (layout: <see cref="FeatureSetLayout"/>) as utterances arrive: each split fills a
/// shard in memory and writes it out once it reaches the size limit, so memory stays within one shard per split
/// however large the corpus. <see cref="Complete"/> writes the remaining shards and then the manifest; a folder
/// without a manifest is an unfinished write and readers reject it. The writer only touches the local folder;
/// uploading it is the caller's business. One writer is used by one thread at a time.
/// </summary>
public sealed class FeatureSetWriter
{
    private readonly string _directory;
    private readonly FeatureSetDescription _description;
    private readonly FeatureSetWriterOptions _options;
    private readonly Dictionary<DataSplit, SplitState> _splits = [];
    private readonly HashSet<string> _utteranceIds = new(StringComparer.Ordinal);
    private readonly RunningFrameStatistics? _trainStatistics;
    private bool _completed;

    /// <exception cref="ArgumentException">The description is inconsistent.</exception>
    /// <exception cref="IOException">The output folder exists and is not empty.</exception>
    public FeatureSetWriter(string outputDirectory, FeatureSetDescription description, FeatureSetWriterOptions? options = null)
    {
        ValidateDescription(description);
        _options = options ?? new FeatureSetWriterOptions();
        if (_options.MaxShardBytes < 4 * description.Dimensions || _options.MaxShardUtterances < 1)
        {
            throw new ArgumentException(
                $"Shard limits must allow at least one frame and one utterance (MaxShardBytes={_options.MaxShardBytes}, MaxShardUtterances={_options.MaxShardUtterances}).",
                nameof(options));
        }
        _directory = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(_directory) && Directory.EnumerateFileSystemEntries(_directory).Any())
        {
            throw new IOException(
                $"Feature set output folder '{_directory}' is not empty; write each feature set into a new or empty folder so no stale shard is mixed in.");
        }
        Directory.CreateDirectory(_directory);
        _description = description;
        _trainStatistics = _options.ComputeNormalization ? new RunningFrameStatistics(description.Dimensions) : null;
    }

    /// <summary>
    /// Adds one utterance: <paramref name="frames"/> frames of row-major values [frames, dimensions].
    /// <paramref name="speakerIndex"/> indexes <see cref="FeatureSetDescription.Speakers"/>, or is -1 when unknown.
    /// </summary>
    public void Add(DataSplit split, string utteranceId, int classIndex, int speakerIndex, int frames, ReadOnlySpan<float> values)
    {
        if (_completed)
        {
            throw new InvalidOperationException("The feature set is already complete; create a new writer for another set.");
        }
        ValidateUtterance(utteranceId, classIndex, speakerIndex, frames, values);
        _utteranceIds.Add(utteranceId);

        if (!_splits.TryGetValue(split, out SplitState? state))
        {
            state = new SplitState(split, new ShardBuffer(_description.Dimensions, _options.MaxShardBytes / sizeof(float)), _description.Classes.Count);
            _splits[split] = state;
        }
        ShardBuffer shard = state.Buffer;
        bool wouldOverflow = (shard.FeatureValueCount + (long)values.Length) * sizeof(float) > _options.MaxShardBytes
                             || shard.Count + 1 > _options.MaxShardUtterances;
        if (shard.Count > 0 && wouldOverflow)
        {
            FlushShard(state);
        }
        shard.Add(utteranceId, classIndex, speakerIndex, frames, values);
        state.Utterances++;
        state.Frames += frames;
        state.ClassCounts[classIndex]++;
        if (speakerIndex >= 0)
        {
            state.SpeakerIndices.Add(speakerIndex);
        }
        if (split == DataSplit.Train)
        {
            _trainStatistics?.Add(values);
        }
    }

    /// <summary>Writes the remaining shards and the manifest, and returns the manifest.</summary>
    public FeatureSetManifest Complete()
    {
        if (_completed)
        {
            throw new InvalidOperationException("Complete was already called.");
        }
        if (_splits.Count == 0)
        {
            throw new InvalidOperationException("No utterance was added; an empty feature set is not written.");
        }
        foreach (SplitState state in _splits.Values.Where(s => s.Buffer.Count > 0))
        {
            FlushShard(state);
        }

        var splits = _splits.Values.OrderBy(s => s.Split).ToDictionary(
            s => s.Split.ToName(),
            s => new FeatureSetSplit(
                s.Utterances,
                s.Frames,
                s.ClassCounts,
                s.SpeakerIndices.Order().Select(i => _description.Speakers[i]).ToArray(),
                s.Shards));
        var manifest = new FeatureSetManifest(
            FeatureSetLayout.FormatVersion,
            _description.Id,
            _description.Kind,
            _description.EncoderId,
            _description.EncoderConfig,
            _description.FrameRateHz,
            _description.Dimensions,
            _description.Classes.ToArray(),
            _description.Speakers.ToArray(),
            splits,
            _description.SourceCorpusHash,
            _description.LabelMapping,
            _description.SplitPolicy,
            _description.Preprocessing,
            _trainStatistics is { Frames: > 0 } ? _trainStatistics.ToNormalization(DataSplit.Train.ToName()) : null,
            _description.CreatedBy);

        string manifestPath = Path.Combine(_directory, FeatureSetLayout.ManifestFileName);
        string temporary = manifestPath + ".partial";
        File.WriteAllText(temporary, JsonSerializer.Serialize(manifest, FeatureSetLayout.ManifestJson));
        File.Move(temporary, manifestPath, overwrite: true);
        _completed = true;
        return manifest;
    }

    private void FlushShard(SplitState state)
    {
        ShardBuffer shard = state.Buffer;
        int shardIndex = state.Shards.Count;
        string fileName = FeatureSetLayout.ShardFileName(state.Split, shardIndex);
        string path = Path.Combine(_directory, fileName);
        new SafeTensorsBuilder()
            .Add(FeatureSetLayout.FeaturesTensor, shard.Features, shard.Frames, _description.Dimensions)
            .Add(FeatureSetLayout.LengthsTensor, shard.Lengths.ToArray(), shard.Count)
            .Add(FeatureSetLayout.LabelsTensor, shard.Labels.ToArray(), shard.Count)
            .Add(FeatureSetLayout.SpeakersTensor, shard.Speakers.ToArray(), shard.Count)
            .WithMetadata(FeatureSetLayout.FormatKey, FeatureSetLayout.ShardFormat)
            .WithMetadata(FeatureSetLayout.FeatureSetIdKey, _description.Id)
            .WithMetadata(FeatureSetLayout.SplitKey, state.Split.ToName())
            .WithMetadata(FeatureSetLayout.ShardIndexKey, shardIndex.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithMetadata(FeatureSetLayout.UtteranceIdsKey, JsonSerializer.Serialize(shard.UtteranceIds))
            .Save(path);

        string sha256;
        using (FileStream written = File.OpenRead(path))
        {
            sha256 = Convert.ToHexStringLower(SHA256.HashData(written));
        }
        state.Shards.Add(new FeatureShardEntry(fileName, shard.Count, shard.Frames, new FileInfo(path).Length, sha256));
        shard.Clear();
    }

    private static void ValidateDescription(FeatureSetDescription description)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(description.Id)) problems.Add("Id is empty");
        if (string.IsNullOrWhiteSpace(description.EncoderId)) problems.Add("EncoderId is empty");
        if (string.IsNullOrWhiteSpace(description.CreatedBy)) problems.Add("CreatedBy is empty");
        if (description.Dimensions < 1) problems.Add($"Dimensions is {description.Dimensions}, must be at least 1");
        if (!(description.FrameRateHz > 0) || double.IsInfinity(description.FrameRateHz)) problems.Add($"FrameRateHz is {description.FrameRateHz}, must be positive");
        if (description.Classes.Count == 0) problems.Add("Classes is empty");
        if (description.Classes.Distinct(StringComparer.Ordinal).Count() != description.Classes.Count) problems.Add("Classes has duplicates");
        if (description.Speakers.Distinct(StringComparer.Ordinal).Count() != description.Speakers.Count) problems.Add("Speakers has duplicates");
        if (problems.Count > 0)
        {
            throw new ArgumentException($"Invalid feature set description: {string.Join("; ", problems)}.", nameof(description));
        }
    }

    private void ValidateUtterance(string utteranceId, int classIndex, int speakerIndex, int frames, ReadOnlySpan<float> values)
    {
        string Where() => $"Utterance '{utteranceId}'";
        if (string.IsNullOrEmpty(utteranceId))
        {
            throw new ArgumentException("Utterance ids must not be empty.", nameof(utteranceId));
        }
        if (_utteranceIds.Contains(utteranceId))
        {
            throw new ArgumentException($"{Where()} was already added; utterance ids must be unique within a feature set.", nameof(utteranceId));
        }
        if (classIndex < 0 || classIndex >= _description.Classes.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(classIndex), classIndex, $"{Where()}: class index must be in [0, {_description.Classes.Count}).");
        }
        if (speakerIndex < FeatureSetLayout.UnknownSpeaker || speakerIndex >= _description.Speakers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(speakerIndex), speakerIndex,
                $"{Where()}: speaker index must be -1 (unknown) or in [0, {_description.Speakers.Count}).");
        }
        if (frames < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(frames), frames, $"{Where()} has no frames; too short to encode, leave it out.");
        }
        if (values.Length != (long)frames * _description.Dimensions)
        {
            throw new ArgumentException(
                $"{Where()}: {values.Length} values do not form {frames} frames of {_description.Dimensions} dimensions.", nameof(values));
        }
        int nonFinite = FirstNonFinite(values);
        if (nonFinite >= 0)
        {
            throw new ArgumentException(
                $"{Where()}: value {nonFinite} (frame {nonFinite / _description.Dimensions}) is {values[nonFinite]}; features must be finite.", nameof(values));
        }
    }

    private static int FirstNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Running totals of one split plus its shard being filled.</summary>
    private sealed class SplitState(DataSplit split, ShardBuffer buffer, int classCount)
    {
        public DataSplit Split { get; } = split;
        public ShardBuffer Buffer { get; } = buffer;
        public int Utterances { get; set; }
        public long Frames { get; set; }
        public int[] ClassCounts { get; } = new int[classCount];
        public SortedSet<int> SpeakerIndices { get; } = [];
        public List<FeatureShardEntry> Shards { get; } = [];
    }
}
