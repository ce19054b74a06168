namespace DistillPlatform.Contracts.Evaluation;

/// <summary>
/// An <see cref="EvaluateTrainingSet"/> request cannot succeed as sent (a feature set or reference is not stored,
/// the sets do not fit together, invalid settings); <see cref="Reason"/> says why and what to change. Nothing is
/// stored as a finished evaluation.
/// </summary>
public sealed record EvaluationFailed(Guid RequestId, string EvaluationId, string Reason);
