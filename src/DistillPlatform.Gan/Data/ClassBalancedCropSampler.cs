using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Data;

/// <summary>
/// Draws class-balanced batches of fixed-length crops from ragged utterances: every class present appears ⌊B/K⌋ times
/// per batch (the remainder goes to randomly chosen distinct classes), each sample is a random utterance of its class,
/// cropped at a random offset to <c>frames</c> frames, or, when shorter, zero-padded at the end (zero is the mean
/// after standardisation) with the padded frames masked out. Balanced batches keep minority emotions from vanishing
/// from the generator's training signal.
/// </summary>
public sealed class ClassBalancedCropSampler : IRealBatchSource
{
    private readonly int _frames;
    private readonly int _dimensions;
    private readonly int _batchSize;
    private readonly int[] _classes;
    private readonly Dictionary<int, List<(int Frames, float[] Values)>> _byClass = [];

    /// <param name="utterances">Training utterances in feature units.</param>
    /// <param name="normalization">Statistics to standardise them with (usually computed from the same utterances).</param>
    /// <param name="frames">Crop length T.</param>
    /// <param name="batchSize">Samples per batch B.</param>
    public ClassBalancedCropSampler(IReadOnlyCollection<FeatureUtterance> utterances, FeatureNormalization normalization, int frames, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        normalization.Validate();
        if (utterances.Count == 0)
            throw new ArgumentException("The sampler needs at least one utterance.", nameof(utterances));
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        (_frames, _dimensions, _batchSize) = (frames, normalization.Dimensions, batchSize);
        foreach (var utterance in utterances)
        {
            utterance.Validate();
            if (utterance.Dimensions != _dimensions)
                throw new ArgumentException($"Utterance has {utterance.Dimensions} dimensions; the normalisation has {_dimensions}.", nameof(utterances));
            var standardised = new float[utterance.Values.Length];
            for (int i = 0; i < standardised.Length; i++)
                standardised[i] = normalization.Normalize(utterance.Values[i], i % _dimensions);
            if (!_byClass.TryGetValue(utterance.Label, out var list))
                _byClass[utterance.Label] = list = [];
            list.Add((utterance.Frames, standardised));
        }
        _classes = [.. _byClass.Keys.Order()];
    }

    /// <summary>Class indices that have at least one utterance, ascending.</summary>
    public IReadOnlyList<int> Classes => _classes;

    public RealBatch NextBatch(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var labels = BalancedLabels(random);
        var values = new float[(long)_batchSize * _frames * _dimensions];
        var mask = new bool[_batchSize * _frames];
        for (int sample = 0; sample < _batchSize; sample++)
        {
            var candidates = _byClass[(int)labels[sample]];
            var (length, source) = candidates[random.Next(candidates.Count)];
            int offset = length > _frames ? random.Next(length - _frames + 1) : 0;
            int copied = Math.Min(length, _frames);
            Array.Copy(source, (long)offset * _dimensions, values, (long)sample * _frames * _dimensions, (long)copied * _dimensions);
            Array.Fill(mask, true, sample * _frames, copied);
        }
        return new RealBatch(
            torch.tensor(values, [_batchSize, 1, _frames, _dimensions]),
            torch.tensor(labels, [_batchSize]),
            torch.tensor(mask, [_batchSize, _frames]));
    }

    private long[] BalancedLabels(Random random)
    {
        var labels = new List<long>(_batchSize);
        for (int round = 0; round < _batchSize / _classes.Length; round++)
            labels.AddRange(_classes.Select(label => (long)label));
        var remainder = _classes.ToArray();
        random.Shuffle(remainder);
        labels.AddRange(remainder.Take(_batchSize - labels.Count).Select(label => (long)label));
        var shuffled = labels.ToArray();
        random.Shuffle(shuffled);
        return shuffled;
    }
}
