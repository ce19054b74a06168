using DistillPlatform.Metrics.Classification;
using DistillPlatform.Metrics.Statistics;

namespace DistillPlatform.Metrics.Reports;

/// <summary>
/// Collects the raw outcome of every repeat of an evaluation and aggregates them into an <see cref="EvaluationReport"/>:
/// per-repeat metrics via <see cref="ClassificationReport"/>, mean ± std via <see cref="MeanStd"/>, the UAR interval via
/// <see cref="UarBootstrap"/> on the median repeat, and McNemar's test via <see cref="McNemarTest"/>.
/// </summary>
public sealed class EvaluationReportBuilder
{
    private readonly EvaluationSetup _setup;
    private readonly int[] _testTrueClasses;
    private readonly List<RepeatOutcome> _outcomes = [];
    private EvaluationReport? _reference;
    private StorageFootprint? _storage;
    private SpeakerProbeResult? _speakerProbe;

    public EvaluationReportBuilder(EvaluationSetup setup, IReadOnlyList<int> testTrueClasses)
    {
        ArgumentNullException.ThrowIfNull(setup);
        ArgumentNullException.ThrowIfNull(testTrueClasses);
        if (string.IsNullOrWhiteSpace(setup.EvaluationId)) throw new ArgumentException("The evaluation needs an id.", nameof(setup));
        if (string.IsNullOrWhiteSpace(setup.TestSetId)) throw new ArgumentException("The evaluation needs the id of its test set.", nameof(setup));
        LabelValidation.RequireClassNames(setup.LabelMap);
        ArgumentNullException.ThrowIfNull(setup.Head);
        ArgumentNullException.ThrowIfNull(setup.Trainer);
        setup.TrainingSet.Validate(setup.LabelMap);
        if (testTrueClasses.Count == 0) throw new ArgumentException("The test set has no examples.", nameof(testTrueClasses));
        LabelValidation.RequireInRange(testTrueClasses, setup.LabelMap.Count, "test true classes");

        _setup = setup;
        _testTrueClasses = testTrueClasses.ToArray();
    }

    /// <summary>Resamples of the UAR bootstrap interval.</summary>
    public int BootstrapResamples { get; init; } = 1000;

    /// <summary>Seed of the UAR bootstrap, recorded in the report so the interval can be reproduced.</summary>
    public int BootstrapSeed { get; init; }

    public double ConfidenceLevel { get; init; } = 0.95;

    public EvaluationReportBuilder AddRepeat(RepeatOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(outcome.Predictions);
        if (outcome.Predictions.Count != _testTrueClasses.Length)
        {
            throw new ArgumentException(
                $"Repeat with seed {outcome.Seed} has {outcome.Predictions.Count} predictions but the test set has {_testTrueClasses.Length} examples.", nameof(outcome));
        }
        LabelValidation.RequireInRange(outcome.Predictions, _setup.LabelMap.Count, "predictions");
        if (!double.IsFinite(outcome.TrainingWallTimeSeconds) || outcome.TrainingWallTimeSeconds < 0)
        {
            throw new ArgumentException($"Repeat with seed {outcome.Seed} has training wall time {outcome.TrainingWallTimeSeconds} s; it must be a non-negative number.", nameof(outcome));
        }
        if (outcome.EpochsTrained < 1)
        {
            throw new ArgumentException($"Repeat with seed {outcome.Seed} trained {outcome.EpochsTrained} epochs; at least 1 is needed.", nameof(outcome));
        }
        if (outcome.BestDevUarEpoch < 1 || outcome.BestDevUarEpoch > outcome.EpochsTrained)
        {
            throw new ArgumentException(
                $"Repeat with seed {outcome.Seed} names epoch {outcome.BestDevUarEpoch} as best, outside the 1-based range 1..{outcome.EpochsTrained} of epochs trained.", nameof(outcome));
        }
        if (_outcomes.Any(o => o.Seed == outcome.Seed))
        {
            throw new ArgumentException($"A repeat with seed {outcome.Seed} was already added; repeats must use distinct seeds.", nameof(outcome));
        }
        _outcomes.Add(outcome with { Predictions = outcome.Predictions.ToArray() });
        return this;
    }

    /// <summary>Adds McNemar's test against <paramref name="reference"/>, which must use the same test set and label map.</summary>
    public EvaluationReportBuilder CompareWith(EvaluationReport reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Setup.EvaluationId == _setup.EvaluationId)
        {
            throw new ArgumentException($"Evaluation '{_setup.EvaluationId}' cannot be its own McNemar reference.", nameof(reference));
        }
        _reference = reference;
        return this;
    }

    public EvaluationReportBuilder WithStorage(StorageFootprint storage)
    {
        _storage = storage ?? throw new ArgumentNullException(nameof(storage));
        return this;
    }

    public EvaluationReportBuilder WithSpeakerProbe(SpeakerProbeResult speakerProbe)
    {
        _speakerProbe = speakerProbe ?? throw new ArgumentNullException(nameof(speakerProbe));
        return this;
    }

    public EvaluationReport Build(DateTimeOffset createdAt)
    {
        if (_outcomes.Count == 0) throw new InvalidOperationException($"Evaluation '{_setup.EvaluationId}' has no repeats; add at least one with AddRepeat.");

        var repeats = _outcomes.Select(ToRepeatResult).ToArray();
        var medianIndex = MedianRepeat.IndexOf(repeats.Select(r => r.Uar).ToArray());
        var median = repeats[medianIndex];

        var interval = UarBootstrap.Compute(
            _setup.LabelMap.Count, _testTrueClasses, median.Predictions, BootstrapResamples, ConfidenceLevel, BootstrapSeed);
        var aggregate = new AggregateMetrics(
            MeanStd.Of(repeats.Select(r => r.Uar)),
            new UarConfidenceInterval(interval.Estimate, interval.Lower, interval.Upper, interval.Level, interval.Resamples,
                BootstrapSeed, medianIndex, UarConfidenceInterval.MedianRepeatPercentileBootstrap),
            MeanStd.Of(repeats.Select(r => r.WeightedAccuracy)),
            MeanStd.Of(repeats.Select(r => r.MacroF1)),
            MeanRecallPerClass(repeats),
            ConfusionCounts.Sum(repeats.Select(r => r.Confusion).ToArray()),
            medianIndex);

        var trainingTime = new TrainingTimeSummary(
            MeanStd.Of(repeats.Select(r => r.TrainingWallTimeSeconds)),
            MeanStd.Of(repeats.Select(r => (double)r.EpochsTrained)),
            MeanStd.Of(repeats.Select(r => (double)r.BestDevUarEpoch)));

        var mcNemar = _reference is null
            ? null
            : McNemarComparison.Between(_setup, _testTrueClasses, medianIndex, median.Predictions, _reference);

        return new EvaluationReport(
            EvaluationReport.CurrentFormatVersion, _setup, createdAt, _testTrueClasses, repeats, aggregate, trainingTime,
            mcNemar, _storage, _speakerProbe);
    }

    private RepeatResult ToRepeatResult(RepeatOutcome outcome)
    {
        var metrics = ClassificationReport.Compute(_setup.LabelMap, _testTrueClasses, outcome.Predictions);
        return new RepeatResult(
            outcome.Seed,
            metrics.Uar,
            metrics.WeightedAccuracy,
            metrics.MacroF1,
            metrics.PerClass.Select(c => c.Recall).ToArray(),
            ConfusionCounts.ToRows(metrics.Confusion),
            outcome.Predictions,
            outcome.TrainingWallTimeSeconds,
            outcome.EpochsTrained,
            outcome.BestDevUarEpoch);
    }

    /// <summary>Every repeat sees the same test set, so a class has a recall in all repeats or in none.</summary>
    private double?[] MeanRecallPerClass(IReadOnlyList<RepeatResult> repeats) =>
        Enumerable.Range(0, _setup.LabelMap.Count)
            .Select(c => repeats[0].PerClassRecall[c] is null ? (double?)null : repeats.Average(r => r.PerClassRecall[c]!.Value))
            .ToArray();
}
