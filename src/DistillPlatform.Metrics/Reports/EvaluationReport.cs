namespace DistillPlatform.Metrics.Reports;

/// <summary>
/// The artifact of one evaluation: a downstream emotion model trained on one training set (real or synthetic), tested
/// on real held-out speakers, repeated over seeds. Everything a reader needs to recompute the metrics is inside: the
/// test set's true classes and every repeat's predictions. Serialised by <see cref="ReportJson"/> with stable camelCase
/// field names; build one with <see cref="EvaluationReportBuilder"/>.
/// </summary>
/// <param name="FormatVersion">Version of this JSON shape; readers refuse versions they do not know.</param>
/// <param name="TestTrueClasses">True class index (into <see cref="EvaluationSetup.LabelMap"/>) of every test example, in test-set order.</param>
/// <param name="McNemar">Significance test against a reference evaluation on the same test set; null when none was named.</param>
/// <param name="Storage">Storage footprint of the training data versus the real data; null when not measured.</param>
/// <param name="SpeakerProbe">How much speaker identity the trained model keeps (the paper's Table 4); null when not probed.</param>
public sealed record EvaluationReport(
    int FormatVersion,
    EvaluationSetup Setup,
    DateTimeOffset CreatedAt,
    IReadOnlyList<int> TestTrueClasses,
    IReadOnlyList<RepeatResult> Repeats,
    AggregateMetrics Aggregate,
    TrainingTimeSummary TrainingTime,
    McNemarComparison? McNemar,
    StorageFootprint? Storage,
    SpeakerProbeResult? SpeakerProbe)
{
    /// <summary>The format version this build writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The repeat whose model represents the evaluation in the bootstrap interval and in McNemar's test.</summary>
    public RepeatResult MedianRepeat() => Repeats[Aggregate.MedianRepeatIndex];
}
