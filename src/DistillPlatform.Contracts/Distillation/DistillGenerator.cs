namespace DistillPlatform.Contracts.Distillation;

/// <summary>
/// Command to the distillation service: train a conditional generator on the train split of feature set
/// <see cref="FeatureSetId"/> (<c>features/&lt;id&gt;/</c>), matching softmax outputs of the checkpoint pool
/// <see cref="PoolId"/> (<c>pools/&lt;id&gt;/</c>; required by the "+sml" loss presets, ignored otherwise), for exactly
/// <see cref="Steps"/> generator steps. The generator id is derived from every setting that changes the result, so the
/// same command twice yields one artifact (<c>generators/&lt;id&gt;/generator.json</c>). Answered by
/// <see cref="GeneratorDistilled"/> or <see cref="DistillationFailed"/>; <see cref="DistillationProgress"/> is published
/// while it trains, and <see cref="CancelDistillation"/> stops it (answered by <see cref="DistillationCancelled"/>).
/// </summary>
/// <param name="Architecture">"cnn" (GAN-CNN) or "att" (GAN-ATT).</param>
/// <param name="ModelPreset">Model size preset, e.g. "cpu-small" or "gpu-paper".</param>
/// <param name="LossPreset">"baseline", "+div", "+sml" or "+div+sml".</param>
/// <param name="CheckpointEvery">Store a resumable checkpoint every this many steps (and when the service stops).</param>
/// <param name="HyperParameters">Overrides of the loss preset's weights and optimiser settings; null keeps the preset.</param>
public sealed record DistillGenerator(
    Guid RequestId,
    string FeatureSetId,
    string? PoolId,
    string Architecture,
    string ModelPreset,
    string LossPreset,
    int Steps,
    int Seed = 1,
    int BatchSize = 16,
    int CheckpointEvery = 50,
    GanHyperParametersSpec? HyperParameters = null);
