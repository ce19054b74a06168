namespace DistillPlatform.Metrics.Reports;

/// <summary>Metrics of one repeat on the test set.</summary>
/// <param name="PerClassRecall">Recall by class index; null for a class without test examples.</param>
/// <param name="Confusion">Confusion counts, rows = true class, columns = predicted class (see <see cref="ConfusionCounts"/>).</param>
/// <param name="Predictions">Predicted class index per test example, so McNemar's test and the metrics can be recomputed.</param>
/// <param name="BestDevUarEpoch">1-based epoch of the best development UAR (the tested model).</param>
public sealed record RepeatResult(
    int Seed,
    double Uar,
    double WeightedAccuracy,
    double MacroF1,
    IReadOnlyList<double?> PerClassRecall,
    IReadOnlyList<IReadOnlyList<int>> Confusion,
    IReadOnlyList<int> Predictions,
    double TrainingWallTimeSeconds,
    int EpochsTrained,
    int BestDevUarEpoch);
