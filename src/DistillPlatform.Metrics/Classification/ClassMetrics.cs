namespace DistillPlatform.Metrics.Classification;

/// <summary>Metrics of one class.</summary>
/// <param name="Support">Test examples whose true class is this one.</param>
/// <param name="PredictedCount">Test examples predicted as this class.</param>
/// <param name="Recall">Correct / support; null when the class has no test examples (recall is undefined).</param>
/// <param name="Precision">Correct / predicted; 0 when the class is never predicted (see <see cref="ClassificationReport"/>).</param>
/// <param name="F1">Harmonic mean of precision and recall; null when recall is undefined, 0 when both are 0.</param>
public sealed record ClassMetrics(string Name, int Support, int PredictedCount, double? Recall, double Precision, double? F1);
