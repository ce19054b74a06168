using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Reports;

/// <summary>One training set of a <see cref="PipelineReport"/>, summarised against the real-data baseline.</summary>
/// <param name="UarRatioToReal">Mean UAR divided by the real baseline's mean UAR (1 for the baseline itself).</param>
/// <param name="McNemarVsReal">McNemar's test against the real baseline; null on the baseline's own row.</param>
/// <param name="MeanTrainingWallTimeSeconds">Mean training wall time over repeats.</param>
/// <param name="TrainingTimeReductionPercent">100 · (1 − mean wall time / baseline mean wall time).</param>
/// <param name="StorageReductionPercent">Training set bytes versus the real feature set (see <see cref="StorageFootprint"/>); null when not measured.</param>
/// <param name="SpeakerProbe">Speaker-ID probe of the trained model; null when not probed.</param>
public sealed record PipelineRow(
    string EvaluationId,
    string TrainingSetArtifactId,
    TrainingSetKind Kind,
    int? PointsPerClass,
    string? LossPreset,
    string? GeneratorId,
    MeanStd Uar,
    UarConfidenceInterval UarInterval,
    double UarRatioToReal,
    McNemarComparison? McNemarVsReal,
    double MeanTrainingWallTimeSeconds,
    double TrainingTimeReductionPercent,
    double? StorageReductionPercent,
    SpeakerProbeResult? SpeakerProbe)
{
    /// <summary>
    /// Human-readable row name, e.g. "real" or "synthetic +div+sml, 10 per class". Derived from the fields above:
    /// written to JSON for readers that only display rows, ignored when reading.
    /// </summary>
    public string DisplayName => Kind == TrainingSetKind.Real
        ? "real"
        : $"synthetic {LossPreset}, {PointsPerClass} per class";
}
