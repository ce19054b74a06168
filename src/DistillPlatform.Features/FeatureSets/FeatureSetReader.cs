using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DistillPlatform.Features.Corpus;
using DistillPlatform.SafeTensors;

namespace DistillPlatform.Features.FeatureSets;

/// <summary>
/// Reads a feature set folder written by <see cref="FeatureSetWriter"/> (or any tool following
/// <see cref="FeatureSetLayout"/>). <see cref="Open"/> checks the manifest is complete and self-consistent; every
/// shard is checked against its manifest entry (size, SHA-256, tensor names, types and shapes, counts, index
/// ranges) as it is read, and a split's class counts once all its shards have been read. Any mismatch is a
/// <see cref="FeatureSetFormatException"/> naming the file and the fact that disagrees.
/// </summary>
public sealed class FeatureSetReader
{
    private FeatureSetReader(string directory, FeatureSetManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    public string Directory { get; }

    public FeatureSetManifest Manifest { get; }

    /// <exception cref="FeatureSetFormatException">No manifest, unreadable JSON, or an inconsistent manifest.</exception>
    public static FeatureSetReader Open(string directory)
    {
        string fullDirectory = Path.GetFullPath(directory);
        string manifestPath = Path.Combine(fullDirectory, FeatureSetLayout.ManifestFileName);
        if (!File.Exists(manifestPath))
        {
            throw new FeatureSetFormatException(
                $"'{fullDirectory}' has no {FeatureSetLayout.ManifestFileName}; it is not a feature set, or its writer did not finish (the manifest is written last).");
        }
        FeatureSetManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<FeatureSetManifest>(File.ReadAllText(manifestPath), FeatureSetLayout.ManifestJson);
        }
        catch (JsonException e)
        {
            throw new FeatureSetFormatException($"{manifestPath} is not a valid feature set manifest: {e.Message}");
        }
        if (manifest is null)
        {
            throw new FeatureSetFormatException($"{manifestPath} holds JSON null instead of a feature set manifest.");
        }
        List<string> problems = FindManifestProblems(manifest);
        if (problems.Count > 0)
        {
            throw new FeatureSetFormatException(
                $"{manifestPath} is inconsistent ({problems.Count} problem(s)):\n  " + string.Join("\n  ", problems));
        }
        return new FeatureSetReader(fullDirectory, manifest);
    }

    /// <summary>The splits present, in train, dev, test order.</summary>
    public IReadOnlyList<DataSplit> Splits =>
        Enum.GetValues<DataSplit>().Where(s => Manifest.Split(s) is not null).ToArray();

    /// <summary>Reads a split shard by shard; only one shard is in memory at a time.</summary>
    /// <exception cref="KeyNotFoundException">The feature set has no such split.</exception>
    public IEnumerable<FeatureData> ReadShards(DataSplit split)
    {
        FeatureSetSplit entry = Manifest.Split(split)
            ?? throw new KeyNotFoundException(
                $"Feature set '{Manifest.Id}' has no {split.ToName()} split (it has: {string.Join(", ", Manifest.Splits.Keys)}).");
        return ReadShardsChecked(split, entry);
    }

    /// <summary>Reads a whole split into memory.</summary>
    public FeatureData ReadSplit(DataSplit split) => FeatureData.Concatenate(Manifest.Dimensions, ReadShards(split).ToList());

    private IEnumerable<FeatureData> ReadShardsChecked(DataSplit split, FeatureSetSplit entry)
    {
        var classCounts = new int[Manifest.Classes.Count];
        for (int index = 0; index < entry.Shards.Count; index++)
        {
            FeatureData shard = ReadShard(split, index, entry.Shards[index]);
            foreach (long label in shard.Labels)
            {
                classCounts[label]++;
            }
            yield return shard;
        }
        if (!classCounts.SequenceEqual(entry.ClassCounts))
        {
            throw new FeatureSetFormatException(
                $"Feature set '{Manifest.Id}', {split.ToName()} split: the shards hold class counts [{string.Join(", ", classCounts)}] " +
                $"but the manifest says [{string.Join(", ", entry.ClassCounts)}] (classes: {string.Join(", ", Manifest.Classes)}).");
        }
    }

    private FeatureData ReadShard(DataSplit split, int shardIndex, FeatureShardEntry entry)
    {
        string path = Path.Combine(Directory, entry.File);
        FeatureSetFormatException Problem(string what) => new($"Feature set '{Manifest.Id}', shard {entry.File}: {what}");

        if (!File.Exists(path))
        {
            throw Problem($"the file is missing from '{Directory}'; the folder is incomplete (download it again).");
        }
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length != entry.Bytes)
        {
            throw Problem($"the file has {bytes.Length} bytes but the manifest says {entry.Bytes}; it is truncated or replaced.");
        }
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(sha256, entry.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw Problem($"SHA-256 is {sha256} but the manifest says {entry.Sha256}; the file is corrupt or belongs to another feature set.");
        }

        SafeTensorsFile file;
        try
        {
            file = SafeTensorsFile.Open(bytes);
        }
        catch (SafeTensorsFormatException e)
        {
            throw Problem($"not a valid safetensors file: {e.Message}");
        }
        using (file)
        {
            CheckMetadata(file, split, shardIndex, Problem);
            int count = entry.Utterances;
            CheckTensor(file, FeatureSetLayout.FeaturesTensor, SafeTensorDType.Float32, [entry.Frames, Manifest.Dimensions], Problem);
            CheckTensor(file, FeatureSetLayout.LengthsTensor, SafeTensorDType.Int64, [count], Problem);
            CheckTensor(file, FeatureSetLayout.LabelsTensor, SafeTensorDType.Int64, [count], Problem);
            CheckTensor(file, FeatureSetLayout.SpeakersTensor, SafeTensorDType.Int64, [count], Problem);

            long[] lengths = file.Read<long>(FeatureSetLayout.LengthsTensor);
            long[] labels = file.Read<long>(FeatureSetLayout.LabelsTensor);
            long[] speakers = file.Read<long>(FeatureSetLayout.SpeakersTensor);
            if (lengths.Any(l => l < 1))
            {
                throw Problem("an utterance has fewer than 1 frame in 'lengths'.");
            }
            if (lengths.Sum() != entry.Frames)
            {
                throw Problem($"'lengths' add up to {lengths.Sum()} frames but 'features' and the manifest hold {entry.Frames}.");
            }
            int badLabel = Array.FindIndex(labels, l => l < 0 || l >= Manifest.Classes.Count);
            if (badLabel >= 0)
            {
                throw Problem($"utterance {badLabel} has label {labels[badLabel]}, outside the {Manifest.Classes.Count} classes.");
            }
            int badSpeaker = Array.FindIndex(speakers, s => s < FeatureSetLayout.UnknownSpeaker || s >= Manifest.Speakers.Count);
            if (badSpeaker >= 0)
            {
                throw Problem($"utterance {badSpeaker} has speaker {speakers[badSpeaker]}, not -1 or an index into the {Manifest.Speakers.Count} speakers.");
            }
            IReadOnlyList<string> ids = ReadUtteranceIds(file, count, Problem);
            float[] features = file.Read<float>(FeatureSetLayout.FeaturesTensor);
            return new FeatureData(Manifest.Dimensions, ids, lengths, labels, speakers, features);
        }
    }

    private void CheckMetadata(SafeTensorsFile file, DataSplit split, int shardIndex, Func<string, FeatureSetFormatException> problem)
    {
        void Expect(string key, string expected)
        {
            string? actual = file.Metadata.GetValueOrDefault(key);
            if (actual != expected)
            {
                throw problem($"metadata '{key}' is '{actual ?? "(missing)"}', expected '{expected}'.");
            }
        }

        Expect(FeatureSetLayout.FormatKey, FeatureSetLayout.ShardFormat);
        Expect(FeatureSetLayout.FeatureSetIdKey, Manifest.Id);
        Expect(FeatureSetLayout.SplitKey, split.ToName());
        Expect(FeatureSetLayout.ShardIndexKey, shardIndex.ToString(CultureInfo.InvariantCulture));
    }

    private static void CheckTensor(SafeTensorsFile file, string name, SafeTensorDType dtype, long[] shape, Func<string, FeatureSetFormatException> problem)
    {
        if (!file.Contains(name))
        {
            throw problem($"tensor '{name}' is missing.");
        }
        TensorInfo info = file.GetInfo(name);
        if (info.DType != dtype || !info.Shape.SequenceEqual(shape))
        {
            throw problem(
                $"tensor '{name}' is {info.DType.ToHeaderName()} [{string.Join(", ", info.Shape)}], " +
                $"expected {dtype.ToHeaderName()} [{string.Join(", ", shape)}] from the manifest.");
        }
    }

    private static IReadOnlyList<string> ReadUtteranceIds(SafeTensorsFile file, int count, Func<string, FeatureSetFormatException> problem)
    {
        string? json = file.Metadata.GetValueOrDefault(FeatureSetLayout.UtteranceIdsKey);
        string[]? ids = null;
        try
        {
            ids = json is null ? null : JsonSerializer.Deserialize<string[]>(json);
        }
        catch (JsonException)
        {
            // Reported below together with the missing case: the fix is the same.
        }
        if (ids is null || ids.Length != count || ids.Any(string.IsNullOrEmpty))
        {
            throw problem($"metadata '{FeatureSetLayout.UtteranceIdsKey}' must be a JSON array of {count} non-empty strings.");
        }
        return ids;
    }

    /// <summary>Every way the manifest contradicts itself, so one error lists them all.</summary>
    private static List<string> FindManifestProblems(FeatureSetManifest manifest)
    {
        var problems = new List<string>();
        if (manifest.FormatVersion != FeatureSetLayout.FormatVersion)
        {
            problems.Add($"formatVersion is {manifest.FormatVersion}; this reader understands version {FeatureSetLayout.FormatVersion}");
            return problems;
        }
        if (string.IsNullOrWhiteSpace(manifest.Id)) problems.Add("id is missing");
        if (string.IsNullOrWhiteSpace(manifest.EncoderId)) problems.Add("encoderId is missing");
        if (manifest.Dimensions < 1) problems.Add($"dimensions is {manifest.Dimensions}, must be at least 1");
        if (!(manifest.FrameRateHz > 0)) problems.Add($"frameRateHz is {manifest.FrameRateHz}, must be positive");
        if (manifest.Classes is null || manifest.Classes.Count == 0) problems.Add("classes is missing or empty");
        if (manifest.Speakers is null) problems.Add("speakers is missing (use [] for synthetic sets)");
        if (manifest.Splits is null || manifest.Splits.Count == 0)
        {
            problems.Add("splits is missing or empty");
            return problems;
        }
        int classCount = manifest.Classes?.Count ?? 0;
        foreach ((string name, FeatureSetSplit? split) in manifest.Splits)
        {
            if (!DataSplitNames.TryParse(name, out DataSplit parsed) || parsed.ToName() != name)
            {
                problems.Add($"split '{name}' is not one of train, dev, test");
                continue;
            }
            if (split?.Shards is null || split.ClassCounts is null || split.Speakers is null)
            {
                problems.Add($"split '{name}' lacks shards, classCounts or speakers");
                continue;
            }
            if (split.ClassCounts.Count != classCount)
                problems.Add($"split '{name}': classCounts has {split.ClassCounts.Count} entries for {classCount} classes");
            if (split.ClassCounts.Sum() != split.Utterances)
                problems.Add($"split '{name}': classCounts add up to {split.ClassCounts.Sum()}, utterances is {split.Utterances}");
            if (split.Shards.Sum(s => s.Utterances) != split.Utterances)
                problems.Add($"split '{name}': shards hold {split.Shards.Sum(s => s.Utterances)} utterances, utterances is {split.Utterances}");
            if (split.Shards.Sum(s => s.Frames) != split.Frames)
                problems.Add($"split '{name}': shards hold {split.Shards.Sum(s => s.Frames)} frames, frames is {split.Frames}");
            foreach (FeatureShardEntry shard in split.Shards)
            {
                // Only plain names: a manifest must never make the reader open files outside the folder.
                if (string.IsNullOrEmpty(shard.File) || Path.GetFileName(shard.File) != shard.File || shard.File is "." or "..")
                    problems.Add($"split '{name}': shard file '{shard.File}' is not a plain file name");
                if (string.IsNullOrEmpty(shard.Sha256))
                    problems.Add($"split '{name}': shard '{shard.File}' has no sha256");
            }
        }
        if (manifest.Dimensions >= 1 && manifest.Normalization is { } normalization &&
            (normalization.Mean?.Count != manifest.Dimensions || normalization.Std?.Count != manifest.Dimensions))
        {
            problems.Add($"normalization must have {manifest.Dimensions} means and stds");
        }
        return problems;
    }
}
