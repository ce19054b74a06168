using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Contracts.Sampling;

namespace DistillPlatform.Cli.Configuration;

/// <summary>
/// The configuration <c>distill run</c> sends when nothing else is said: sized so that the whole run on the demo corpus
/// (600 utterances: extract, pool, distil, sample three budgets, evaluate four training sets, report) fits in about a
/// quarter of an hour on a 2-core CPU machine, start-up included. The distillation is the long stage (a `cpu-small`
/// step of batch 16 with two double-backward critic updates takes about 0.45 s of CPU on one thread), so it gets one
/// loss preset (the paper's full method, with GAN-ATT, the paper's better generator) and 500 steps (about 4 minutes at the
/// 2 steps/s measured in the main job on a quiet machine), where the EmoDB
/// study (docs/benchmarks/distill-emodb.md) saw "+div+sml" still improving; the pool and the evaluations train small
/// heads for few epochs.
/// </summary>
public static class PipelineDefaults
{
    public const string Architecture = "att";
    public const string ModelPreset = "cpu-small";
    public const int Steps = 500;
    public const int Repeats = 2;

    /// <summary>The loss presets the distillation service knows (DistillGenerator's contract).</summary>
    public static IReadOnlyList<string> KnownLossPresets { get; } = ["baseline", "+div", "+sml", "+div+sml"];

    /// <summary>GAN-CNN and GAN-ATT (DistillGenerator's contract).</summary>
    public static IReadOnlyList<string> KnownArchitectures { get; } = ["cnn", "att"];

    public static IReadOnlyList<string> LossPresets { get; } = ["+div+sml"];

    public static IReadOnlyList<int> Budgets { get; } = [10, 25, 50];

    public static RunDistillationPipeline Create(CorpusLocation corpus) => new(
        PipelineId: Guid.NewGuid(),
        Corpus: corpus,
        Labels: new LabelMappingSpec(),
        Split: new SplitPolicySpec(),
        Encoder: new FeatureEncoderSpec(),
        Preprocessing: new AudioPreprocessingSpec(),
        // 2 runs × 8 epochs, every second epoch kept: 8 checkpoints for softmax matching, trained in well under a minute.
        Pool: new PipelinePoolSpec(
            Runs: 2,
            Keep: KeptEpochsSpec.EveryEpochs(2),
            Head: new PoolHeadSpec(HiddenSize: 128),
            Training: new PoolTrainingSpec(LearningRate: 1e-3, BatchSize: 32, MaxEpochs: 8)),
        Distillation: new PipelineDistillationSpec(Architecture, ModelPreset, LossPresets, Steps, BatchSize: 16, CheckpointEvery: 50),
        PointsPerClass: Budgets,
        Distribution: ClassDistribution.Balanced,
        // Early stopping keeps most evaluations far below the epoch cap; the cap bounds the real baseline's cost.
        Evaluation: new PipelineEvaluationSpec(
            Repeats,
            new EvaluationHeadSpec(HiddenSize: 128),
            new EvaluationTrainerSpec(MaxEpochs: 30, Patience: 6)),
        Seed: 1);
}
