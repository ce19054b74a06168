namespace DistillPlatform.Contracts.Evaluation;

/// <summary>
/// Command to the evaluation service: train the downstream emotion head on a stored feature set
/// (<c>features/&lt;TrainingSetId&gt;/</c>, real or synthetic) <see cref="Repeats"/> times with seeds
/// <see cref="BaseSeed"/>, <see cref="BaseSeed"/> + 1, ..., test every model on the real set's test split
/// (<c>features/&lt;TestSetId&gt;/</c>) and store the report under <c>evaluations/&lt;EvaluationId&gt;/</c>. Answered by
/// <see cref="EvaluationCompleted"/> or <see cref="EvaluationFailed"/>, both carrying <see cref="RequestId"/>.
/// </summary>
/// <param name="EvaluationId">Id of the report to write; other evaluations name it as their McNemar reference.</param>
/// <param name="TestSetId">The real feature set: its test split is tested on, its dev split stops synthetic training early, its training speakers feed the speaker probe.</param>
/// <param name="ReferenceEvaluationId">A stored evaluation on the same test set to compare with by McNemar's test; null for none.</param>
/// <param name="Generator">Required when the training set is synthetic: which generator sampled it.</param>
/// <param name="Storage">Byte counts for the storage-footprint section; null to leave it out.</param>
/// <param name="ProbeSpeakers">Run the speaker-ID probe on the median repeat's model.</param>
public sealed record EvaluateTrainingSet(
    Guid RequestId,
    string EvaluationId,
    string TrainingSetId,
    string TestSetId,
    EvaluationHeadSpec Head,
    EvaluationTrainerSpec Trainer,
    int Repeats,
    int BaseSeed,
    string? ReferenceEvaluationId = null,
    SyntheticTrainingSetSpec? Generator = null,
    StorageInfo? Storage = null,
    bool ProbeSpeakers = true);
