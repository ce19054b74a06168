namespace DistillPlatform.Metrics.Reports;

/// <summary>What was evaluated: the identity of an evaluation, fixed before any model is trained.</summary>
/// <param name="EvaluationId">Unique id of this evaluation (other reports name it as their McNemar reference).</param>
/// <param name="TestSetId">Artifact id of the real held-out test set; McNemar comparisons require the same id.</param>
/// <param name="LabelMap">Class names by class index: predictions and true classes are indices into this list.</param>
/// <param name="Head">Configuration of the downstream classifier head, as opaque key-value pairs.</param>
/// <param name="Trainer">Configuration of the training loop (optimiser, learning rate, epochs, early stopping, ...).</param>
public sealed record EvaluationSetup(
    string EvaluationId,
    TrainingSetDescription TrainingSet,
    string TestSetId,
    IReadOnlyList<string> LabelMap,
    IReadOnlyDictionary<string, string> Head,
    IReadOnlyDictionary<string, string> Trainer);
