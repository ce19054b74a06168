namespace DistillPlatform.Features.FeatureSets;

/// <summary>
/// The utterances of the shard being filled for one split. The feature array grows by doubling up to the shard
/// limit and is reused for the next shard, so a split never holds more than one shard's worth of features.
/// </summary>
internal sealed class ShardBuffer(int dimensions, long maxFeatureValues)
{
    private float[] _features = new float[Math.Min(maxFeatureValues, 1 << 16)];

    public int FeatureValueCount { get; private set; }

    public List<long> Lengths { get; } = [];

    public List<long> Labels { get; } = [];

    public List<long> Speakers { get; } = [];

    public List<string> UtteranceIds { get; } = [];

    public int Count => Lengths.Count;

    public long Frames => FeatureValueCount / dimensions;

    public ReadOnlyMemory<float> Features => _features.AsMemory(0, FeatureValueCount);

    public void Add(string utteranceId, int classIndex, int speakerIndex, int frames, ReadOnlySpan<float> values)
    {
        int needed = checked(FeatureValueCount + values.Length);
        if (needed > _features.Length)
        {
            // Double, but never beyond the shard limit unless one utterance alone is bigger than a shard.
            long grown = Math.Max(needed, Math.Min(2L * _features.Length, maxFeatureValues));
            Array.Resize(ref _features, checked((int)grown));
        }
        values.CopyTo(_features.AsSpan(FeatureValueCount));
        FeatureValueCount = needed;
        Lengths.Add(frames);
        Labels.Add(classIndex);
        Speakers.Add(speakerIndex);
        UtteranceIds.Add(utteranceId);
    }

    public void Clear()
    {
        FeatureValueCount = 0;
        Lengths.Clear();
        Labels.Clear();
        Speakers.Clear();
        UtteranceIds.Clear();
    }
}
