using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Probe;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Metrics.Reports;

namespace DistillPlatform.Emotion.Evaluation;

/// <summary>
/// Everything <see cref="TrainingSetEvaluator"/> needs for one evaluation.
/// </summary>
/// <param name="EvaluationId">Unique id of the evaluation (other reports name it as their McNemar reference).</param>
/// <param name="TrainingSet">The set the models are trained on: its train split, and for a real set its dev split for early stopping.</param>
/// <param name="RealSet">
/// The real feature set the training set stands in for. Its test split is the test set; its dev split drives early
/// stopping of a synthetic training set; its train and dev speakers feed the speaker probe; its train statistics
/// normalise every split. For the real-data baseline pass the same reader as <paramref name="TrainingSet"/>.
/// </param>
/// <param name="Head">The downstream head trained in every repeat.</param>
/// <param name="Training">Trainer settings; <see cref="EmotionTrainingOptions.Seed"/> is replaced by each repeat's seed.</param>
/// <param name="Seeds">One repeat per seed, in this order; seeds must be distinct.</param>
public sealed record TrainingSetEvaluationRequest(
    string EvaluationId,
    FeatureSetReader TrainingSet,
    FeatureSetReader RealSet,
    HeadConfig Head,
    EmotionTrainingOptions Training,
    IReadOnlyList<int> Seeds)
{
    /// <summary>Generator provenance; required when <see cref="TrainingSet"/> is synthetic, refused when it is real.</summary>
    public SyntheticOrigin? Synthetic { get; init; }

    /// <summary>A finished evaluation on the same test set to compare against with McNemar's test (e.g. the real baseline).</summary>
    public EvaluationReport? Reference { get; init; }

    /// <summary>Byte counts of the source audio, the real feature set and the training set / generator, when known.</summary>
    public StorageFootprint? Storage { get; init; }

    /// <summary>Utterances longer than this are centre-cropped (see <c>EmotionDatasetOptions.MaxFrames</c>); null keeps every frame.</summary>
    public int? MaxFrames { get; init; }

    /// <summary>Run the speaker-ID probe on the median repeat's model (needs at least two real training speakers).</summary>
    public bool ProbeSpeakers { get; init; } = true;

    public SpeakerProbeOptions SpeakerProbe { get; init; } = new();

    /// <summary>Resamples of the UAR bootstrap interval.</summary>
    public int BootstrapResamples { get; init; } = 1000;
}
