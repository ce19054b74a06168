namespace DistillPlatform.Contracts.Distillation;

/// <summary>
/// Published every few steps while a generator trains. <see cref="Losses"/> holds the step's loss terms by name
/// (e.g. "critic", "generator", "wasserstein", "gradient_penalty", "diversity", "softmax_matching").
/// </summary>
/// <param name="StepsPerSecond">Rate over the recent steps of this attempt.</param>
/// <param name="EstimatedRemaining">Time to <see cref="TotalSteps"/> at that rate; null before the rate is known.</param>
/// <param name="ResumedFromStep">The step this attempt resumed from (0 for a fresh start).</param>
public sealed record DistillationProgress(
    Guid RequestId,
    string GeneratorId,
    long Step,
    long TotalSteps,
    double StepsPerSecond,
    TimeSpan? EstimatedRemaining,
    IReadOnlyDictionary<string, double> Losses,
    long ResumedFromStep);
