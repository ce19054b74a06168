using System.Buffers;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Torch;

namespace DistillPlatform.Emotion.Data;

/// <summary>
/// The utterances of one feature-set split as emotion-classification examples, served in padded mini-batches
/// (<see cref="Batch"/>). Real and synthetic sets are read the same way. Frames stay in the reader's flat
/// ragged array (normalised once, up front, when asked) and are copied only into each batch's tensor;
/// <see cref="Subset"/> views share that array.
/// </summary>
public sealed class EmotionDataset
{
    private readonly FeatureData _data;
    private readonly int[] _rows; // dataset position -> utterance index in _data

    private EmotionDataset(FeatureData data, int[] rows, IReadOnlyList<string> classes, IReadOnlyList<string> speakerNames,
        int? maxFrames, string? sourceId)
    {
        _data = data;
        _rows = rows;
        Classes = classes;
        SpeakerNames = speakerNames;
        MaxFrames = maxFrames;
        SourceId = sourceId;
    }

    /// <summary>Reads a whole split of a feature set.</summary>
    /// <exception cref="KeyNotFoundException">The feature set has no such split.</exception>
    /// <exception cref="FeatureSetFormatException">A shard is missing, corrupt or inconsistent.</exception>
    public static EmotionDataset Load(FeatureSetReader reader, DataSplit split, EmotionDatasetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        FeatureSetManifest manifest = reader.Manifest;
        return FromFeatureData(reader.ReadSplit(split), manifest.Classes, manifest.Speakers, options, $"{manifest.Id}/{split.ToName()}");
    }

    /// <summary>
    /// Wraps utterances already in memory. <paramref name="classes"/> and <paramref name="speakerNames"/> give the
    /// meaning of the label and speaker indices (as in a feature set manifest).
    /// </summary>
    public static EmotionDataset FromFeatureData(FeatureData data, IReadOnlyList<string> classes, IReadOnlyList<string> speakerNames,
        EmotionDatasetOptions? options = null, string? sourceId = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(speakerNames);
        options ??= new EmotionDatasetOptions();
        if (data.Count == 0)
            throw new ArgumentException("The feature data holds no utterance; a dataset needs at least one.", nameof(data));
        if (classes.Count < 2)
            throw new ArgumentException($"Emotion classification needs at least 2 classes; got {classes.Count}.", nameof(classes));
        if (options.MaxFrames is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxFrames, "MaxFrames must be at least 1 (or null for no cropping).");
        int badLabel = Array.FindIndex(data.Labels, l => l < 0 || l >= classes.Count);
        if (badLabel >= 0)
            throw new ArgumentException($"Utterance '{data.UtteranceIds[badLabel]}' has label {data.Labels[badLabel]}, outside the {classes.Count} classes.", nameof(data));
        int badSpeaker = Array.FindIndex(data.Speakers, s => s < -1 || s >= speakerNames.Count);
        if (badSpeaker >= 0)
            throw new ArgumentException(
                $"Utterance '{data.UtteranceIds[badSpeaker]}' has speaker {data.Speakers[badSpeaker]}, not -1 or one of the {speakerNames.Count} speakers.", nameof(data));

        FeatureData features = options.Normalization is { } statistics ? Normalize(data, statistics, options.NormalizationFloor) : data;
        return new EmotionDataset(features, Enumerable.Range(0, data.Count).ToArray(), classes, speakerNames, options.MaxFrames, sourceId);
    }

    /// <summary>Where the utterances come from (feature set id and split) when known; recorded in checkpoint indexes.</summary>
    public string? SourceId { get; }

    public int Count => _rows.Length;

    /// <summary>Feature dimensions per frame (D).</summary>
    public int Dimensions => _data.Dimensions;

    /// <summary>Class names; labels index into this list.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Speaker names; <see cref="SpeakerAt"/> indexes into this list (empty for synthetic sets).</summary>
    public IReadOnlyList<string> SpeakerNames { get; }

    public int? MaxFrames { get; }

    public int LabelAt(int position) => (int)_data.Labels[_rows[position]];

    /// <summary>Speaker index of an utterance, -1 when unknown (synthetic).</summary>
    public int SpeakerAt(int position) => (int)_data.Speakers[_rows[position]];

    public string UtteranceIdAt(int position) => _data.UtteranceIds[_rows[position]];

    /// <summary>Frames the model sees for an utterance (its length, capped at <see cref="MaxFrames"/>).</summary>
    public int FramesAt(int position)
    {
        int length = checked((int)_data.Lengths[_rows[position]]);
        return MaxFrames is { } cap ? Math.Min(length, cap) : length;
    }

    /// <summary>Labels of every utterance, in dataset order.</summary>
    public int[] Labels() => Enumerable.Range(0, Count).Select(LabelAt).ToArray();

    /// <summary>Utterances per class, aligned with <see cref="Classes"/>.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes.Count];
        for (int position = 0; position < Count; position++)
            counts[LabelAt(position)]++;
        return counts;
    }

    /// <summary>A dataset of some of these utterances (in the given order), sharing the frame storage.</summary>
    public EmotionDataset Subset(IReadOnlyList<int> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        if (positions.Count == 0)
            throw new ArgumentException("A subset needs at least one utterance.", nameof(positions));
        var rows = new int[positions.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            if ((uint)positions[i] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(positions), positions[i], $"Position must be in [0, {Count}).");
            rows[i] = _rows[positions[i]];
        }
        return new EmotionDataset(_data, rows, Classes, SpeakerNames, MaxFrames, SourceId);
    }

    /// <summary>
    /// Every position once, split into groups of at most <paramref name="batchSize"/>: in dataset order, or in an
    /// order drawn from <paramref name="shuffle"/> (the caller's seeded generator, so epochs are reproducible).
    /// The whole order is drawn before the first group is returned. Build each group's tensors with
    /// <see cref="Batch"/> inside a dispose scope.
    /// </summary>
    public IReadOnlyList<int[]> BatchPositions(int batchSize, SeededRandom? shuffle = null)
    {
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Batch size must be at least 1.");
        int[] order = Enumerable.Range(0, Count).ToArray();
        shuffle?.Shuffle(order);
        return order.Chunk(batchSize).ToArray();
    }

    /// <summary>One padded batch of the utterances at <paramref name="positions"/>.</summary>
    public EmotionBatch Batch(ReadOnlySpan<int> positions)
    {
        if (positions.IsEmpty)
            throw new ArgumentException("A batch needs at least one utterance.", nameof(positions));
        int batch = positions.Length;
        int dims = Dimensions;
        var lengths = new int[batch];
        for (int b = 0; b < batch; b++)
        {
            if ((uint)positions[b] >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(positions), positions[b], $"Position must be in [0, {Count}).");
            lengths[b] = FramesAt(positions[b]);
        }
        int frames = lengths.Max();

        // Pooled staging buffers: the tensors copy them, so the managed side allocates nothing per batch.
        float[] values = ArrayPool<float>.Shared.Rent(batch * frames * dims);
        bool[] mask = ArrayPool<bool>.Shared.Rent(batch * frames);
        var labels = new long[batch];
        try
        {
            Span<float> valueSpan = values.AsSpan(0, batch * frames * dims);
            Span<bool> maskSpan = mask.AsSpan(0, batch * frames);
            valueSpan.Clear();
            maskSpan.Clear();
            for (int b = 0; b < batch; b++)
            {
                int row = _rows[positions[b]];
                int length = checked((int)_data.Lengths[row]);
                int skip = (length - lengths[b]) / 2; // centre crop; 0 when not cropped
                _data.Frames(row).Span.Slice(skip * dims, lengths[b] * dims).CopyTo(valueSpan.Slice(b * frames * dims));
                maskSpan.Slice(b * frames, lengths[b]).Fill(true);
                labels[b] = _data.Labels[row];
            }
            var features = torch.from_span<float>(valueSpan, [batch, frames, dims]);
            var maskTensor = torch.from_span<bool>(maskSpan, [batch, frames]);
            var labelTensor = torch.tensor(labels);
            return new EmotionBatch(features, maskTensor, labelTensor, lengths, positions.ToArray());
        }
        finally
        {
            ArrayPool<float>.Shared.Return(values);
            ArrayPool<bool>.Shared.Return(mask);
        }
    }

    private static FeatureData Normalize(FeatureData data, FeatureNormalization statistics, double floor)
    {
        int dims = data.Dimensions;
        if (statistics.Mean.Count != dims || statistics.Std.Count != dims)
            throw new ArgumentException(
                $"Normalization statistics have {statistics.Mean.Count} means and {statistics.Std.Count} stds for {dims}-dimensional features.", nameof(statistics));
        var mean = new float[dims];
        var scale = new float[dims];
        for (int d = 0; d < dims; d++)
        {
            mean[d] = (float)statistics.Mean[d];
            scale[d] = (float)(1.0 / Math.Max(statistics.Std[d], floor));
        }
        var normalized = new float[data.Features.Length];
        for (int start = 0; start < normalized.Length; start += dims)
        {
            for (int d = 0; d < dims; d++)
                normalized[start + d] = (data.Features[start + d] - mean[d]) * scale[d];
        }
        return new FeatureData(dims, data.UtteranceIds, data.Lengths, data.Labels, data.Speakers, normalized);
    }
}
