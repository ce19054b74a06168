using DistillPlatform.Gan.Configuration;
using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;
using F = DistillPlatform.Torch.nn.Functional;

namespace DistillPlatform.Gan.Models;

/// <summary>
/// A generator g(z) of normalised feature maps [B, 1, T, D] from z = one-hot(class) ⊕ e. The output is unbounded (no
/// tanh): the features are per-dimension standardised, not squashed into a range. Subclasses build the body; this
/// class owns the seed projection and the final crop, which both architectures share.
/// </summary>
public abstract class ConditionalGenerator : Module<Tensor, Tensor>
{
    private readonly Linear _seed;
    private readonly BatchNorm2d _seedNorm;

    private protected ConditionalGenerator(GanModelConfig config)
    {
        Config = config.Validate();
        _seed = register_module("seed", new Linear(
            config.Classes + config.NoiseDimensions, (long)config.GeneratorChannels * config.SeedFrames * config.SeedFeatureDimensions));
        _seedNorm = register_module("seed_norm", new BatchNorm2d(config.GeneratorChannels));
    }

    public GanModelConfig Config { get; }

    /// <summary>The architecture named in <paramref name="config"/>.</summary>
    public static ConditionalGenerator Create(GanModelConfig config) => config.Architecture switch
    {
        GanArchitecture.Cnn => new CnnGenerator(config),
        GanArchitecture.Att => new AttentionGenerator(config),
        _ => throw new ArgumentException($"Unknown generator architecture {config.Architecture}.", nameof(config)),
    };

    /// <summary>z = one-hot(<paramref name="labels"/>) ⊕ <paramref name="noise"/>: int64 labels [B], noise [B, N] → [B, C + N].</summary>
    public Tensor Latent(Tensor labels, Tensor noise)
    {
        if (labels.dim() != 1 || noise.dim() != 2 || noise.shape[0] != labels.shape[0] || noise.shape[1] != Config.NoiseDimensions)
            throw new ArgumentException(
                $"Expected labels [B] and noise [B, {Config.NoiseDimensions}]; got [{string.Join(", ", labels.shape)}] and [{string.Join(", ", noise.shape)}].");
        using var scope = torch.NewDisposeScope();
        var oneHot = F.one_hot(labels, Config.Classes).to(ScalarType.Float32);
        return torch.cat([oneHot, noise], 1).MoveToOuterScope();
    }

    /// <summary>g(one-hot(labels) ⊕ noise).</summary>
    public Tensor Generate(Tensor labels, Tensor noise)
    {
        using var scope = torch.NewDisposeScope();
        return call(Latent(labels, noise)).MoveToOuterScope();
    }

    public sealed override Tensor forward(Tensor latent)
    {
        if (latent.dim() != 2 || latent.shape[1] != Config.Classes + Config.NoiseDimensions)
            throw new ArgumentException(
                $"The generator expects z of shape [batch, {Config.Classes + Config.NoiseDimensions}]; got [{string.Join(", ", latent.shape)}].", nameof(latent));
        using var scope = torch.NewDisposeScope();
        var seed = _seed.call(latent).reshape(-1, Config.GeneratorChannels, Config.SeedFrames, Config.SeedFeatureDimensions);
        var map = Body(F.leaky_relu(_seedNorm.call(seed), GanModelConfig.LeakySlope));
        // The body doubles the seed k times, so the map is at least T × D; keep the first T frames and D dimensions.
        return map.narrow(2, 0, Config.Frames).narrow(3, 0, Config.FeatureDimensions).MoveToOuterScope();
    }

    /// <summary>Seed map [B, GeneratorChannels, T/2^k, D/2^k] → one-channel map [B, 1, ≥T, ≥D].</summary>
    private protected abstract Tensor Body(Tensor seed);

    /// <summary>
    /// One resolution-doubling block: (nearest ×2, 3×3 convolution with <paramref name="dilation"/>) or a 4×4 stride-2
    /// transposed convolution, then batch norm and leaky ReLU. Transposed blocks ignore the dilation (a dilated 4×4
    /// transposed kernel cannot double the size exactly).
    /// </summary>
    private protected static Sequential UpsamplingBlock(GanModelConfig config, long inputChannels, long outputChannels, long dilation) =>
        config.Upsampling == UpsamplingMode.TransposedConv
            ? new Sequential(
                new ConvTranspose2d(inputChannels, outputChannels, 4, stride: 2, padding: 1),
                new BatchNorm2d(outputChannels),
                new LeakyReLU(GanModelConfig.LeakySlope))
            : new Sequential(
                new Upsample(2, UpsampleMode.Nearest),
                new Conv2d(inputChannels, outputChannels, 3, padding: dilation, dilation: dilation),
                new BatchNorm2d(outputChannels),
                new LeakyReLU(GanModelConfig.LeakySlope));
}
