using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Sampling;

namespace DistillPlatform.Contracts.Pipeline;

/// <summary>
/// Command to the pipeline service: run the whole method on one corpus. Extract features → train the checkpoint pool
/// (and, beside it, evaluate the real training split as the baseline) → distil one generator per loss preset → sample
/// every budget in <see cref="PointsPerClass"/> from each → evaluate each synthetic set on the real test speakers →
/// compile the pipeline report under <c>pipelines/&lt;PipelineId&gt;/</c>. Answered by <see cref="PipelineCompleted"/>,
/// <see cref="PipelineFailed"/> or <see cref="PipelineCancelled"/>; <see cref="PipelineStageChanged"/> is published as
/// stages start and finish. Sending the same <see cref="PipelineId"/> again does not start a second run.
/// </summary>
public sealed record RunDistillationPipeline(
    Guid PipelineId,
    CorpusLocation Corpus,
    LabelMappingSpec Labels,
    SplitPolicySpec Split,
    FeatureEncoderSpec Encoder,
    AudioPreprocessingSpec Preprocessing,
    PipelinePoolSpec Pool,
    PipelineDistillationSpec Distillation,
    IReadOnlyList<int> PointsPerClass,
    ClassDistribution Distribution,
    PipelineEvaluationSpec Evaluation,
    int Seed = 1);
