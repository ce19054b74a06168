namespace DistillPlatform.Emotion.Training;

/// <summary>
/// Hyper-parameters of <see cref="EmotionTrainer"/>. Defaults follow SUPERB's emotion recipe (Adam, lr 1e-4,
/// batch 32, gradient clipping at norm 1) with early stopping on dev UAR.
/// </summary>
public sealed record EmotionTrainingOptions
{
    public double LearningRate { get; init; } = 1e-4;

    /// <summary>Adam's L2 weight decay (PyTorch's <c>weight_decay</c>); 0 turns it off.</summary>
    public double WeightDecay { get; init; }

    public int BatchSize { get; init; } = 32;

    public int MaxEpochs { get; init; } = 50;

    /// <summary>
    /// Stop after this many epochs without a dev-UAR improvement and restore the best epoch's weights; null trains
    /// all <see cref="MaxEpochs"/> (the best epoch's weights are still restored when there is a dev set).
    /// </summary>
    public int? Patience { get; init; } = 5;

    /// <summary>
    /// Weight each class by N / (classes × count) in the cross entropy, so every class counts as much as in a
    /// balanced set (UAR weighs classes equally too). Exclusive with <see cref="ClassWeights"/>.
    /// </summary>
    public bool BalanceClasses { get; init; }

    /// <summary>Explicit per-class cross-entropy weights (PyTorch's <c>weight=</c>), aligned with the dataset's classes.</summary>
    public IReadOnlyList<double>? ClassWeights { get; init; }

    /// <summary>Rescale gradients to at most this joint L2 norm before each step; null disables clipping.</summary>
    public double? MaxGradientNorm { get; init; } = 1.0;

    /// <summary>Seeds the initial weights (torch.manual_seed) and the batch order: same seed and data, same weights.</summary>
    public int Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate(int classCount)
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
            throw new ArgumentException($"LearningRate must be a positive number; got {LearningRate}.");
        if (WeightDecay < 0 || !double.IsFinite(WeightDecay))
            throw new ArgumentException($"WeightDecay must be zero or positive; got {WeightDecay}.");
        if (BatchSize < 1)
            throw new ArgumentException($"BatchSize must be at least 1; got {BatchSize}.");
        if (MaxEpochs < 1)
            throw new ArgumentException($"MaxEpochs must be at least 1; got {MaxEpochs}.");
        if (Patience is < 1)
            throw new ArgumentException($"Patience must be at least 1 epoch (or null to disable early stopping); got {Patience}.");
        if (MaxGradientNorm is { } norm && !(norm > 0))
            throw new ArgumentException($"MaxGradientNorm must be positive (or null to disable clipping); got {norm}.");
        if (BalanceClasses && ClassWeights is not null)
            throw new ArgumentException("Set either BalanceClasses or explicit ClassWeights, not both.");
        if (ClassWeights is { } weights)
        {
            if (weights.Count != classCount)
                throw new ArgumentException($"ClassWeights has {weights.Count} entries for {classCount} classes.");
            if (weights.Any(w => w < 0 || !double.IsFinite(w)) || weights.All(w => w == 0))
                throw new ArgumentException($"ClassWeights must be finite, non-negative and not all zero; got [{string.Join(", ", weights)}].");
        }
    }
}
