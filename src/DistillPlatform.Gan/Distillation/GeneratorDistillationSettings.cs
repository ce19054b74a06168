using DistillPlatform.Gan.Configuration;

namespace DistillPlatform.Gan.Distillation;

/// <summary>
/// What one distillation run trains: model preset and architecture (the feature dimensions and class count come from
/// the feature set), effective loss weights (a loss preset with any overrides applied), step count, seed and batch
/// size, and how often a resumable checkpoint is written. <see cref="GeneratorId"/>, <see cref="LossPreset"/> and
/// <see cref="PoolId"/> are recorded in the generator manifest.
/// </summary>
/// <param name="GeneratorId">Name of the result, recorded in generator.json.</param>
/// <param name="ModelPreset">One of <see cref="GanModelConfig.PresetNames"/>.</param>
/// <param name="LossPreset">One of <see cref="GanHyperParameters.PresetNames"/>; <paramref name="HyperParameters"/> may override its values.</param>
/// <param name="HyperParameters">The effective loss weights and optimiser settings.</param>
/// <param name="Steps">Generator steps to train in total (a resumed run trains the remainder).</param>
/// <param name="CheckpointEvery">Write a checkpoint after every this many steps (not after the last step: the generator folder is written then).</param>
/// <param name="PoolId">The checkpoint pool's id, when softmax matching uses one.</param>
public sealed record GeneratorDistillationSettings(
    string GeneratorId,
    string ModelPreset,
    GanArchitecture Architecture,
    string LossPreset,
    GanHyperParameters HyperParameters,
    long Steps,
    int Seed,
    int BatchSize,
    int CheckpointEvery,
    string? PoolId = null)
{
    /// <summary>Whether L_SML is on, i.e. the run needs a checkpoint pool.</summary>
    public bool UsesTeachers => HyperParameters.SoftmaxMatchingWeight > 0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that cannot run.</summary>
    public GeneratorDistillationSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(GeneratorId))
            throw new ArgumentException("GeneratorId is empty; a generator needs a name.", nameof(GeneratorId));
        if (!GanModelConfig.PresetNames.Contains(ModelPreset))
            throw new ArgumentException($"Unknown GAN model preset '{ModelPreset}'; use one of: {string.Join(", ", GanModelConfig.PresetNames)}.", nameof(ModelPreset));
        if (!Enum.IsDefined(Architecture))
            throw new ArgumentException($"Unknown GAN architecture {Architecture}; use Cnn or Att.", nameof(Architecture));
        if (!GanHyperParameters.PresetNames.Contains(LossPreset))
            throw new ArgumentException($"Unknown GAN loss preset '{LossPreset}'; use one of: {string.Join(", ", GanHyperParameters.PresetNames)}.", nameof(LossPreset));
        ArgumentNullException.ThrowIfNull(HyperParameters);
        HyperParameters.Validate();
        if (Steps < 1)
            throw new ArgumentException($"Steps is {Steps}; a distillation trains at least one step.", nameof(Steps));
        if (BatchSize < 1)
            throw new ArgumentException($"BatchSize is {BatchSize}; it must be at least 1.", nameof(BatchSize));
        if (CheckpointEvery < 1)
            throw new ArgumentException($"CheckpointEvery is {CheckpointEvery}; it must be at least 1 step.", nameof(CheckpointEvery));
        return this;
    }

    /// <summary>"cnn" or "att" (case-insensitive) as a <see cref="GanArchitecture"/>.</summary>
    public static GanArchitecture ParseArchitecture(string name) => name?.ToLowerInvariant() switch
    {
        "cnn" => GanArchitecture.Cnn,
        "att" => GanArchitecture.Att,
        _ => throw new ArgumentException($"Unknown GAN architecture '{name}'; use \"cnn\" (GAN-CNN) or \"att\" (GAN-ATT).", nameof(name)),
    };

    /// <summary>The lower-case name <see cref="ParseArchitecture"/> reads: "cnn" or "att".</summary>
    public static string ArchitectureName(GanArchitecture architecture) => architecture switch
    {
        GanArchitecture.Cnn => "cnn",
        GanArchitecture.Att => "att",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "Unknown GAN architecture."),
    };
}
