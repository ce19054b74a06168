namespace DistillPlatform.Metrics.Reports;

/// <summary>
/// Bytes needed to keep the training data, against the real data it replaces. The reductions are derived from the byte
/// counts (they are written to JSON for convenience and ignored when read back, so they can never disagree).
/// A reduction is 100 · (1 − bytes / reference bytes): 95 means "5 % of the size", a negative value means larger.
/// </summary>
/// <param name="SourceAudioBytes">The source audio of the real training speakers.</param>
/// <param name="RealFeatureSetBytes">The real feature set the real-data baseline trains on.</param>
/// <param name="TrainingSetBytes">The training set of this evaluation (equal to the real feature set for the baseline).</param>
/// <param name="GeneratorBytes">The generator that sampled a synthetic training set (what one keeps instead of data); null for real data.</param>
public sealed record StorageFootprint(long SourceAudioBytes, long RealFeatureSetBytes, long TrainingSetBytes, long? GeneratorBytes)
{
    public long SourceAudioBytes { get; } = RequirePositive(SourceAudioBytes, "source audio");

    public long RealFeatureSetBytes { get; } = RequirePositive(RealFeatureSetBytes, "real feature set");

    public long TrainingSetBytes { get; } = RequirePositive(TrainingSetBytes, "training set");

    public long? GeneratorBytes { get; } = GeneratorBytes is { } bytes ? RequirePositive(bytes, "generator") : null;

    public double TrainingSetReductionVsRealFeaturesPercent => Reduction.Percent(TrainingSetBytes, RealFeatureSetBytes);

    public double TrainingSetReductionVsAudioPercent => Reduction.Percent(TrainingSetBytes, SourceAudioBytes);

    public double? GeneratorReductionVsRealFeaturesPercent =>
        GeneratorBytes is { } bytes ? Reduction.Percent(bytes, RealFeatureSetBytes) : null;

    public double? GeneratorReductionVsAudioPercent =>
        GeneratorBytes is { } bytes ? Reduction.Percent(bytes, SourceAudioBytes) : null;

    private static long RequirePositive(long bytes, string what) =>
        bytes > 0 ? bytes : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"The size of the {what} must be a positive number of bytes.");
}
