using DistillPlatform.Gan.Configuration;
using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;

namespace DistillPlatform.Gan.Models;

/// <summary>
/// GAN-ATT: fewer channels than GAN-CNN (set by the preset), dilated 3×3 convolutions (dilation 1, 2, 4, 1, … so the
/// receptive field grows quickly at every resolution) and one <see cref="TimeSelfAttention"/> after the fourth
/// convolution layer. The k upsampling blocks are convolution layers 1…k; when k &lt; 4, size-keeping dilated
/// refinement blocks follow until there are four, and one more refinement block always follows the attention so the
/// attended map is convolved again before the final 3×3 convolution to one channel.
/// </summary>
public sealed class AttentionGenerator : ConditionalGenerator
{
    private readonly Sequential _beforeAttention;
    private readonly TimeSelfAttention _attention;
    private readonly Sequential _afterAttention;

    public AttentionGenerator(GanModelConfig config) : base(config)
    {
        var before = new List<Module<Tensor, Tensor>>();
        var after = new List<Module<Tensor, Tensor>>();
        int convLayers = Math.Max(config.UpsamplingBlocks, GanModelConfig.AttentionAfterConvLayer) + 1;
        long channels = config.GeneratorChannels;
        long attendedChannels = 0;
        for (int layer = 0; layer < convLayers; layer++)
        {
            long dilation = 1L << (layer % 3);
            Module<Tensor, Tensor> block;
            if (layer < config.UpsamplingBlocks)
            {
                long next = config.GeneratorBlockChannels(layer);
                block = UpsamplingBlock(config, channels, next, dilation);
                channels = next;
            }
            else
            {
                block = RefinementBlock(channels, dilation);
            }
            (layer < GanModelConfig.AttentionAfterConvLayer ? before : after).Add(block);
            if (layer == GanModelConfig.AttentionAfterConvLayer - 1)
                attendedChannels = channels;
        }
        after.Add(new Conv2d(channels, 1, 3, padding: 1));
        _beforeAttention = register_module("before_attention", new Sequential([.. before]));
        _attention = register_module("attention", new TimeSelfAttention(attendedChannels, config.AttentionHeads));
        _afterAttention = register_module("after_attention", new Sequential([.. after]));
    }

    private protected override Tensor Body(Tensor seed)
    {
        using var scope = torch.NewDisposeScope();
        var attended = _attention.call(_beforeAttention.call(seed));
        return _afterAttention.call(attended).MoveToOuterScope();
    }

    /// <summary>A size-keeping dilated 3×3 convolution, batch norm and leaky ReLU.</summary>
    private static Sequential RefinementBlock(long channels, long dilation) => new(
        new Conv2d(channels, channels, 3, padding: dilation, dilation: dilation),
        new BatchNorm2d(channels),
        new LeakyReLU(GanModelConfig.LeakySlope));
}
