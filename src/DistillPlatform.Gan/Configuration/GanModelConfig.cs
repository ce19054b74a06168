namespace DistillPlatform.Gan.Configuration;

/// <summary>
/// Shape of the generator and critic over frame-level feature maps x ∈ R^{1×T×D}.
/// The generator draws z = one-hot(class) ⊕ e with e ~ N(0, I) of <see cref="NoiseDimensions"/> entries, maps it to a
/// [<see cref="GeneratorChannels"/>, ⌈T/2^k⌉, ⌈D/2^k⌉] seed with k = <see cref="UpsamplingBlocks"/>, doubles it k times
/// (halving the channels each time, never below <see cref="MinimumChannels"/>) and crops to exactly T × D.
/// The critic has <see cref="CriticLayers"/> convolutions; every second one has stride 2, and the channel count doubles
/// there from <see cref="CriticChannels"/> up to <see cref="CriticMaxChannels"/>.
/// </summary>
public sealed record GanModelConfig(
    int Classes,
    int Frames,
    int FeatureDimensions,
    int NoiseDimensions,
    GanArchitecture Architecture,
    UpsamplingMode Upsampling,
    int GeneratorChannels,
    int UpsamplingBlocks,
    int CriticChannels,
    int CriticMaxChannels,
    int AttentionHeads)
{
    /// <summary>The critic always has eight convolution layers (the paper's discriminator depth).</summary>
    public const int CriticLayers = 8;

    /// <summary>Generator blocks never go below this many channels (thinner maps stop learning useful filters).</summary>
    public const int MinimumChannels = 8;

    /// <summary>The GAN-ATT generator puts its self-attention after this convolution layer (1-based), as in the paper.</summary>
    public const int AttentionAfterConvLayer = 4;

    /// <summary>Slope of every leaky ReLU (the usual DCGAN / WGAN-GP value).</summary>
    public const double LeakySlope = 0.2;

    /// <summary>Preset names accepted by <see cref="FromPreset"/>.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["cpu-tiny", "cpu-small", "gpu-paper"];

    /// <summary>
    /// Sized for two shared CPU cores: 32 frames (0.32 s at 10 ms hops) of 80 log-mel bins, 64 (CNN) or 32 (ATT) seed
    /// channels, an 8→32-channel critic; train it with batch 16 and the default n_critic of
    /// <see cref="GanHyperParameters"/>. A step's cost is linear in T × batch and dominated by the critic updates
    /// (each one is a generator pass, three critic passes and the gradient penalty's double backward), so the frame
    /// count, the batch and n_critic are the levers; channel widths and the upsampling mode barely move it.
    /// Measured CPU ms per <c>TrainStep</c> (4 classes, "+div", 1 torch thread, shared 2-core machine at load
    /// average 12–18, so only the ratios are meaningful; the full table is in the Gan README):
    /// <list type="table">
    /// <item><term>T 64, batch 32, n_critic 5 (the former preset)</term><description>2 863</description></item>
    /// <item><term>T 32, batch 32, n_critic 5</term><description>1 439</description></item>
    /// <item><term>T 32, batch 16, n_critic 5</term><description>926</description></item>
    /// <item><term>T 32, batch 16, n_critic 2</term><description>436</description></item>
    /// <item><term>T 32, batch 16, n_critic 1</term><description>284</description></item>
    /// </list>
    /// One critic update costs about twice a generator update (≈ 190 ms vs ≈ 95 ms at T 32, batch 16). 32 frames are
    /// enough for the downstream heads, which pool over time; longer crops buy the GAN nothing the evaluation sees.
    /// </summary>
    public static GanModelConfig CpuSmall(int classes, GanArchitecture architecture = GanArchitecture.Cnn) => new(
        Classes: classes,
        Frames: 32,
        FeatureDimensions: 80,
        NoiseDimensions: 64,
        Architecture: architecture,
        Upsampling: UpsamplingMode.NearestConv,
        GeneratorChannels: architecture == GanArchitecture.Cnn ? 64 : 32,
        UpsamplingBlocks: 3,
        CriticChannels: 8,
        CriticMaxChannels: 32,
        AttentionHeads: 2);

    /// <summary>
    /// The smallest model that still has every part (16 frames, 16/8-channel generator, 4→8-channel critic): for
    /// integration tests and smoke runs of the whole pipeline, where seconds matter and sample quality does not.
    /// </summary>
    public static GanModelConfig CpuTiny(int classes, GanArchitecture architecture = GanArchitecture.Cnn) => new(
        Classes: classes,
        Frames: 16,
        FeatureDimensions: 80,
        NoiseDimensions: 16,
        Architecture: architecture,
        Upsampling: UpsamplingMode.NearestConv,
        GeneratorChannels: 16,
        UpsamplingBlocks: 2,
        CriticChannels: 4,
        CriticMaxChannels: 8,
        AttentionHeads: 1);

    /// <summary>
    /// The paper's scale: 768-dimensional HuBERT features, 128 frames (2.56 s at 50 Hz), 256 (CNN) or 128 (ATT) seed
    /// channels, a 64→256-channel critic. Meant for a GPU.
    /// </summary>
    public static GanModelConfig GpuPaper(int classes, GanArchitecture architecture = GanArchitecture.Cnn) => new(
        Classes: classes,
        Frames: 128,
        FeatureDimensions: 768,
        NoiseDimensions: 100,
        Architecture: architecture,
        Upsampling: UpsamplingMode.NearestConv,
        GeneratorChannels: architecture == GanArchitecture.Cnn ? 256 : 128,
        UpsamplingBlocks: 4,
        CriticChannels: 64,
        CriticMaxChannels: 256,
        AttentionHeads: 4);

    /// <summary>The preset called <paramref name="name"/> (one of <see cref="PresetNames"/>).</summary>
    public static GanModelConfig FromPreset(string name, int classes, GanArchitecture architecture = GanArchitecture.Cnn) => name switch
    {
        "cpu-tiny" => CpuTiny(classes, architecture),
        "cpu-small" => CpuSmall(classes, architecture),
        "gpu-paper" => GpuPaper(classes, architecture),
        _ => throw new ArgumentException($"Unknown GAN model preset '{name}'; use one of: {string.Join(", ", PresetNames)}.", nameof(name)),
    };

    /// <summary>Rows (frames) of the generator's seed map.</summary>
    public int SeedFrames => CeilingShift(Frames, UpsamplingBlocks);

    /// <summary>Columns (feature dimensions) of the generator's seed map.</summary>
    public int SeedFeatureDimensions => CeilingShift(FeatureDimensions, UpsamplingBlocks);

    /// <summary>Output channels of generator block <paramref name="block"/> (0-based): the seed channels halved per block.</summary>
    public int GeneratorBlockChannels(int block) => Math.Max(GeneratorChannels >> (block + 1), MinimumChannels);

    /// <summary>Output channels of critic layer <paramref name="layer"/> (0-based): doubled after every stride-2 layer, capped.</summary>
    public int CriticLayerChannels(int layer) => Math.Min(CriticChannels << (layer / 2), CriticMaxChannels);

    /// <summary>Critic layers 1, 3, 5, 7 (0-based) halve both axes; the others keep the size.</summary>
    public static bool CriticLayerDownsamples(int layer) => layer % 2 == 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot build a model.</summary>
    public GanModelConfig Validate()
    {
        Require(Classes >= 2, nameof(Classes), Classes, "at least 2 classes");
        Require(Frames >= 1, nameof(Frames), Frames, "a positive number of frames");
        Require(FeatureDimensions >= 1, nameof(FeatureDimensions), FeatureDimensions, "a positive feature dimension");
        Require(NoiseDimensions >= 1, nameof(NoiseDimensions), NoiseDimensions, "a positive noise dimension");
        Require(Enum.IsDefined(Architecture), nameof(Architecture), Architecture, "Cnn or Att");
        Require(Enum.IsDefined(Upsampling), nameof(Upsampling), Upsampling, "NearestConv or TransposedConv");
        Require(GeneratorChannels >= MinimumChannels, nameof(GeneratorChannels), GeneratorChannels, $"at least {MinimumChannels} channels");
        Require(UpsamplingBlocks is >= 1 and <= 8, nameof(UpsamplingBlocks), UpsamplingBlocks, "between 1 and 8 blocks");
        Require(CriticChannels >= 1, nameof(CriticChannels), CriticChannels, "a positive channel count");
        Require(CriticMaxChannels >= CriticChannels, nameof(CriticMaxChannels), CriticMaxChannels, $"at least CriticChannels ({CriticChannels})");
        if (Architecture == GanArchitecture.Att)
        {
            int attended = GeneratorBlockChannels(Math.Min(AttentionAfterConvLayer, UpsamplingBlocks) - 1);
            Require(AttentionHeads >= 1 && attended % AttentionHeads == 0, nameof(AttentionHeads), AttentionHeads,
                $"a positive divisor of the {attended} channels the attention sees");
        }
        return this;
    }

    private static void Require(bool condition, string field, object value, string expectation)
    {
        if (!condition)
            throw new ArgumentException($"GanModelConfig.{field} is {value}; it must be {expectation}.", field);
    }

    private static int CeilingShift(int value, int shift) => (value + (1 << shift) - 1) >> shift;
}
