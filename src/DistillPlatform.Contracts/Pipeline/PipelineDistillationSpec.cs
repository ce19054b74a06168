using DistillPlatform.Contracts.Distillation;

namespace DistillPlatform.Contracts.Pipeline;

/// <summary>
/// The distillation stage: one generator per entry of <see cref="LossPresets"/> (several give the paper's ablation
/// rows), each trained for <see cref="Steps"/> steps with the same architecture and model preset.
/// </summary>
public sealed record PipelineDistillationSpec(
    string Architecture,
    string ModelPreset,
    IReadOnlyList<string> LossPresets,
    int Steps,
    int BatchSize = 16,
    int CheckpointEvery = 50,
    GanHyperParametersSpec? HyperParameters = null);
