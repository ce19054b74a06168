namespace DistillPlatform.Metrics.Reports;

/// <summary>What one training repeat hands to the <see cref="EvaluationReportBuilder"/>: the raw outcome, before metrics.</summary>
/// <param name="Seed">Seed of this repeat (model initialisation, data order, sampling).</param>
/// <param name="Predictions">Predicted class index for every test example, in test-set order.</param>
/// <param name="TrainingWallTimeSeconds">Wall-clock time of training (not of testing).</param>
/// <param name="EpochsTrained">Epochs actually run (early stopping may end before the configured maximum).</param>
/// <param name="BestDevUarEpoch">1-based epoch whose model had the best UAR on the development split (the model that was tested).</param>
public sealed record RepeatOutcome(
    int Seed,
    IReadOnlyList<int> Predictions,
    double TrainingWallTimeSeconds,
    int EpochsTrained,
    int BestDevUarEpoch);
