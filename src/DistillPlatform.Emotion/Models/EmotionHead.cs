using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;

namespace DistillPlatform.Emotion.Models;

/// <summary>
/// A downstream emotion classifier over frame features: a first per-frame layer (the "embedding" the speaker probe
/// inspects), masked mean pooling over real frames, and a linear classifier. Subclasses differ in the first layer.
/// Build one with <see cref="Create"/> from a <see cref="HeadConfig"/>.
/// </summary>
public abstract class EmotionHead : Module, IEmotionClassifier
{
    private protected EmotionHead(HeadConfig config, int inputDimensions, int classCount)
    {
        Config = config;
        InputDimensions = inputDimensions;
        ClassCount = classCount;
    }

    public HeadConfig Config { get; }

    public int InputDimensions { get; }

    public int ClassCount { get; }

    /// <summary>Builds the head <paramref name="config"/> names, with PyTorch's default initialisation from the current torch seed.</summary>
    /// <exception cref="ArgumentException">Unknown head type, or invalid sizes.</exception>
    public static EmotionHead Create(HeadConfig config, int inputDimensions, int classCount)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (inputDimensions < 1)
            throw new ArgumentOutOfRangeException(nameof(inputDimensions), inputDimensions, "Input feature dimensions must be at least 1.");
        if (classCount < 2)
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "An emotion head needs at least 2 classes.");
        return config.Type switch
        {
            HeadConfig.SuperbEmotion => new SuperbEmotionHead(config, inputDimensions, classCount),
            HeadConfig.TemporalConv => new TemporalConvHead(config, inputDimensions, classCount),
            _ => throw new ArgumentException($"Unknown head type '{config.Type}'.", nameof(config)),
        };
    }

    /// <summary>The first layer's output per frame, [B, T, HiddenSize] (values at padded frames are meaningless).</summary>
    public Tensor ForwardEmbedding(Tensor features, Tensor mask)
    {
        CheckInput(features, mask);
        return FirstLayer(features, mask);
    }

    /// <inheritdoc />
    public Tensor Logits(Tensor features, Tensor mask)
    {
        CheckInput(features, mask);
        using var scope = torch.NewDisposeScope();
        var pooled = MaskedPooling.Mean(PoolingInput(FirstLayer(features, mask)), mask);
        return Classify(pooled).MoveToOuterScope();
    }

    /// <summary>
    /// Stops training this head for good: parameters no longer require grad (gradients still flow through it to
    /// its input, as the GAN needs) and it is put in evaluation mode.
    /// </summary>
    public void Freeze()
    {
        foreach (var parameter in parameters())
            parameter.requires_grad_(false);
        eval();
    }

    /// <summary>First layer, [B, T, D] → [B, T, HiddenSize].</summary>
    private protected abstract Tensor FirstLayer(Tensor features, Tensor mask);

    /// <summary>What is pooled: the first layer's output, after the head's non-linearity if it has one.</summary>
    private protected abstract Tensor PoolingInput(Tensor embedding);

    /// <summary>Pooled [B, HiddenSize] → logits [B, classes].</summary>
    private protected abstract Tensor Classify(Tensor pooled);

    private void CheckInput(Tensor features, Tensor mask)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(mask);
        long[] shape = features.shape;
        if (shape.Length != 3 || shape[2] != InputDimensions)
            throw new ArgumentException(
                $"{Config.Type} head expects features [B, T, {InputDimensions}]; got [{string.Join(", ", shape)}].", nameof(features));
        if (features.dtype != ScalarType.Float32)
            throw new ArgumentException($"{Config.Type} head expects float32 features; got {features.dtype}.", nameof(features));
        long[] maskShape = mask.shape;
        if (maskShape.Length != 2 || maskShape[0] != shape[0] || maskShape[1] != shape[1])
            throw new ArgumentException(
                $"The mask must be [B, T] = [{shape[0]}, {shape[1]}] like the features; got [{string.Join(", ", maskShape)}].", nameof(mask));
    }
}

/// <summary>
/// SUPERB's emotion-recognition downstream (s3prl): per-frame Linear D→256 projector, mean pooling over real
/// frames, Linear 256→classes. State-dict keys: projector.weight/bias, classifier.weight/bias.
/// </summary>
public sealed class SuperbEmotionHead : EmotionHead
{
    private readonly Linear _projector;
    private readonly Linear _classifier;

    internal SuperbEmotionHead(HeadConfig config, int inputDimensions, int classCount) : base(config, inputDimensions, classCount)
    {
        _projector = register_module("projector", new Linear(inputDimensions, config.HiddenSize));
        _classifier = register_module("classifier", new Linear(config.HiddenSize, classCount));
    }

    private protected override Tensor FirstLayer(Tensor features, Tensor mask) => _projector.call(features);

    // SUPERB pools the projector's output directly: the head is linear up to the pooling.
    private protected override Tensor PoolingInput(Tensor embedding) => embedding;

    private protected override Tensor Classify(Tensor pooled) => _classifier.call(pooled);
}

/// <summary>
/// A small temporal-convolution head: Conv1d over time (D→hidden channels, odd kernel, "same" padding), ReLU,
/// mean pooling over real frames, Linear hidden→classes. Padded frames are zeroed before the convolution, so an
/// utterance gets the same output whatever it is batched with. State-dict keys: conv.weight/bias, classifier.weight/bias.
/// </summary>
public sealed class TemporalConvHead : EmotionHead
{
    private readonly Conv1d _conv;
    private readonly Linear _classifier;

    internal TemporalConvHead(HeadConfig config, int inputDimensions, int classCount) : base(config, inputDimensions, classCount)
    {
        _conv = register_module("conv", new Conv1d(inputDimensions, config.HiddenSize, config.KernelSize, padding: config.KernelSize / 2));
        _classifier = register_module("classifier", new Linear(config.HiddenSize, classCount));
    }

    private protected override Tensor FirstLayer(Tensor features, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var padding = mask.to(ScalarType.Bool).logical_not().unsqueeze(-1);
        var channelsFirst = features.masked_fill(padding, 0).transpose(1, 2); // [B, D, T]
        return _conv.call(channelsFirst).transpose(1, 2).MoveToOuterScope();
    }

    private protected override Tensor PoolingInput(Tensor embedding) => embedding.relu();

    private protected override Tensor Classify(Tensor pooled) => _classifier.call(pooled);
}
