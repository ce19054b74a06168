using DistillPlatform.Gan.Configuration;
using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;

namespace DistillPlatform.Gan.Models;

/// <summary>
/// GAN-CNN: k upsampling blocks (×2, 3×3 convolution, batch norm, leaky ReLU) halving the channels, then a 3×3
/// convolution to one channel with no output activation.
/// </summary>
public sealed class CnnGenerator : ConditionalGenerator
{
    private readonly Sequential _blocks;

    public CnnGenerator(GanModelConfig config) : base(config)
    {
        var layers = new List<Module<Tensor, Tensor>>();
        long channels = config.GeneratorChannels;
        for (int block = 0; block < config.UpsamplingBlocks; block++)
        {
            long next = config.GeneratorBlockChannels(block);
            layers.Add(UpsamplingBlock(config, channels, next, dilation: 1));
            channels = next;
        }
        layers.Add(new Conv2d(channels, 1, 3, padding: 1));
        _blocks = register_module("blocks", new Sequential([.. layers]));
    }

    private protected override Tensor Body(Tensor seed) => _blocks.call(seed);
}
