namespace DistillPlatform.Features.FeatureSets;

/// <summary>
/// Utterances read from a feature set (one shard, or a whole split): the flat ragged frame array
/// [sum(lengths), dims] plus one entry per utterance in the other arrays.
/// </summary>
public sealed class FeatureData
{
    private readonly long[] _frameOffsets;

    public FeatureData(int dimensions, IReadOnlyList<string> utteranceIds, long[] lengths, long[] labels, long[] speakers, float[] features)
    {
        Dimensions = dimensions;
        UtteranceIds = utteranceIds;
        Lengths = lengths;
        Labels = labels;
        Speakers = speakers;
        Features = features;
        _frameOffsets = new long[lengths.Length];
        for (int i = 1; i < lengths.Length; i++)
        {
            _frameOffsets[i] = _frameOffsets[i - 1] + lengths[i - 1];
        }
    }

    public int Dimensions { get; }

    public IReadOnlyList<string> UtteranceIds { get; }

    /// <summary>Frames per utterance.</summary>
    public long[] Lengths { get; }

    /// <summary>Class index per utterance.</summary>
    public long[] Labels { get; }

    /// <summary>Speaker index per utterance, -1 when unknown.</summary>
    public long[] Speakers { get; }

    /// <summary>All frames, row-major [sum(lengths), dims].</summary>
    public float[] Features { get; }

    public int Count => Lengths.Length;

    /// <summary>Utterance <paramref name="index"/>'s frames, row-major [lengths[index], dims].</summary>
    public ReadOnlyMemory<float> Frames(int index) =>
        Features.AsMemory(checked((int)(_frameOffsets[index] * Dimensions)), checked((int)(Lengths[index] * Dimensions)));

    /// <summary>Concatenates parts (e.g. the shards of a split) in order.</summary>
    public static FeatureData Concatenate(int dimensions, IReadOnlyList<FeatureData> parts)
    {
        static T[] Join<T>(IReadOnlyList<FeatureData> parts, Func<FeatureData, T[]> select)
        {
            var joined = new T[parts.Sum(p => (long)select(p).Length)];
            long position = 0;
            foreach (FeatureData part in parts)
            {
                T[] source = select(part);
                Array.Copy(source, 0, joined, position, source.Length);
                position += source.Length;
            }
            return joined;
        }

        return new FeatureData(
            dimensions,
            parts.SelectMany(p => p.UtteranceIds).ToArray(),
            Join(parts, p => p.Lengths),
            Join(parts, p => p.Labels),
            Join(parts, p => p.Speakers),
            Join(parts, p => p.Features));
    }
}
