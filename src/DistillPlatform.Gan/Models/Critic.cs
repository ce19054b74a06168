using DistillPlatform.Gan.Configuration;
using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;

namespace DistillPlatform.Gan.Models;

/// <summary>
/// The conditional WGAN-GP critic: eight (3×3 convolution, layer norm, leaky ReLU) blocks over [B, 1, T, D] maps,
/// every second one with stride 2, then two linear heads on the flattened last map: the Wasserstein score (→ 1) and
/// the auxiliary classifier (→ C). No batch norm: it mixes samples of a batch, which breaks the per-sample gradient
/// penalty.
/// </summary>
public sealed class Critic : Module<Tensor, CriticOutput>
{
    private readonly List<Sequential> _blocks = [];
    private readonly GanModelConfig _config;

    public Critic(GanModelConfig config)
    {
        _config = config.Validate();
        long inputChannels = 1, height = config.Frames, width = config.FeatureDimensions;
        for (int layer = 0; layer < GanModelConfig.CriticLayers; layer++)
        {
            long outputChannels = config.CriticLayerChannels(layer);
            long stride = GanModelConfig.CriticLayerDownsamples(layer) ? 2 : 1;
            _blocks.Add(register_module($"block{layer}", new Sequential(
                new Conv2d(inputChannels, outputChannels, 3, stride: stride, padding: 1),
                new ChannelLayerNorm(outputChannels),
                new LeakyReLU(GanModelConfig.LeakySlope))));
            inputChannels = outputChannels;
            // 3×3 kernel, padding 1: size n becomes ⌊(n − 1) / stride⌋ + 1.
            height = (height - 1) / stride + 1;
            width = (width - 1) / stride + 1;
        }
        FlattenedFeatures = inputChannels * height * width;
        wasserstein = register_module(nameof(wasserstein), new Linear(FlattenedFeatures, 1));
        classifier = register_module(nameof(classifier), new Linear(FlattenedFeatures, config.Classes));
    }

    /// <summary>Size of the flattened last feature map that both heads read.</summary>
    public long FlattenedFeatures { get; }

    public Linear wasserstein { get; }

    public Linear classifier { get; }

    public override CriticOutput forward(Tensor input)
    {
        if (input.dim() != 4 || input.shape[1] != 1 || input.shape[2] != _config.Frames || input.shape[3] != _config.FeatureDimensions)
            throw new ArgumentException(
                $"The critic expects [batch, 1, {_config.Frames}, {_config.FeatureDimensions}] maps; got [{string.Join(", ", input.shape)}].", nameof(input));
        var features = new List<Tensor>(_blocks.Count);
        var current = input;
        foreach (var block in _blocks)
        {
            current = block.call(current);
            features.Add(current);
        }
        var flattened = current.flatten(1);
        return new CriticOutput(wasserstein.call(flattened), classifier.call(flattened), features);
    }
}
