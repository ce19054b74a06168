using DistillPlatform.Contracts.Evaluation;

namespace DistillPlatform.Contracts.Pipeline;

/// <summary>How every training set (the real baseline and each synthetic set) is evaluated.</summary>
public sealed record PipelineEvaluationSpec(int Repeats, EvaluationHeadSpec Head, EvaluationTrainerSpec Trainer, bool ProbeSpeakers = true);
