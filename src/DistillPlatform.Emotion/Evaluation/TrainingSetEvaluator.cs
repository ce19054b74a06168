using System.Globalization;
using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Probe;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Metrics.Classification;
using DistillPlatform.Metrics.Reports;

namespace DistillPlatform.Emotion.Evaluation;

/// <summary>
/// Evaluates a training set (real or synthetic) the way the paper does: train the downstream head once per seed,
/// test every model on the real held-out speakers, and aggregate into an <see cref="EvaluationReport"/> with the UAR
/// interval, optional McNemar comparison, storage footprint and the speaker-ID probe of the median repeat's model.
/// In-process and storage-free: the caller opens the feature sets and writes the report.
/// </summary>
public sealed class TrainingSetEvaluator(TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <exception cref="IncompatibleTrainingSetException">The training set does not fit the real set's test split.</exception>
    /// <exception cref="ArgumentException">Invalid request (no seeds, repeated seeds, missing or superfluous generator origin, bad settings).</exception>
    public EvaluationReport Evaluate(TrainingSetEvaluationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateRequest(request);
        var realManifest = request.RealSet.Manifest;
        TrainingSetCompatibility.Check(request.TrainingSet.Manifest, realManifest);

        // Every split is scaled with the real train statistics: synthetic features are sampled in the real feature
        // space, and the test set must look to the model exactly as its training data did.
        var datasetOptions = realManifest.Normalization is null
            ? new EmotionDatasetOptions { MaxFrames = request.MaxFrames }
            : EmotionDatasetOptions.NormalizedBy(realManifest, request.MaxFrames);
        var train = EmotionDataset.Load(request.TrainingSet, DataSplit.Train, datasetOptions);
        var dev = LoadDevSplit(request, datasetOptions);
        var test = EmotionDataset.Load(request.RealSet, DataSplit.Test, datasetOptions);

        var builder = new EvaluationReportBuilder(DescribeSetup(request, train), test.Labels())
        {
            BootstrapResamples = request.BootstrapResamples,
            BootstrapSeed = request.Seeds[0],
        };
        if (request.Reference is { } reference) builder.CompareWith(reference);
        if (request.Storage is { } storage) builder.WithStorage(storage);

        // Models stay alive until the median repeat is known: the probe needs that repeat's model.
        var models = new List<EmotionHead>();
        try
        {
            var uars = new List<double>();
            foreach (int seed in request.Seeds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var trainer = new EmotionTrainer(request.Training with { Seed = seed });
                var result = trainer.Train(request.Head, train, dev, cancellationToken: cancellationToken);
                models.Add(result.Model);
                int[] predictions = EmotionTrainer.Predict(result.Model, test);
                builder.AddRepeat(new RepeatOutcome(seed, predictions, result.WallSeconds, result.EpochsTrained, result.BestEpoch));
                uars.Add(ClassificationReport.Compute(test.Classes, test.Labels(), predictions).Uar);
            }
            if (request.ProbeSpeakers)
            {
                var median = models[MedianRepeat.IndexOf(uars)];
                builder.WithSpeakerProbe(SpeakerProbe.Run(median, TrainingSpeakerUtterances(request.RealSet, datasetOptions), request.SpeakerProbe).Result);
            }
            return builder.Build(_clock.GetUtcNow());
        }
        finally
        {
            foreach (var model in models) model.Dispose();
        }
    }

    private static void ValidateRequest(TrainingSetEvaluationRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.EvaluationId)) throw new ArgumentException("The evaluation needs an id.", nameof(request));
        ArgumentNullException.ThrowIfNull(request.TrainingSet);
        ArgumentNullException.ThrowIfNull(request.RealSet);
        ArgumentNullException.ThrowIfNull(request.Head);
        ArgumentNullException.ThrowIfNull(request.Training);
        ArgumentNullException.ThrowIfNull(request.Seeds);
        request.Head.Validate();
        request.Training.Validate(request.RealSet.Manifest.Classes.Count);
        if (request.Seeds.Count == 0) throw new ArgumentException("Give at least one seed: each seed is one training repeat.", nameof(request));
        if (request.Seeds.Distinct().Count() != request.Seeds.Count)
            throw new ArgumentException($"Seeds [{string.Join(", ", request.Seeds)}] repeat a value; every repeat needs its own seed.", nameof(request));
        bool synthetic = request.TrainingSet.Manifest.Kind == FeatureSetKind.Synthetic;
        if (synthetic && request.Synthetic is null)
            throw new ArgumentException($"Training set '{request.TrainingSet.Manifest.Id}' is synthetic: state its generator id, loss preset and points per class (Synthetic).", nameof(request));
        if (!synthetic && request.Synthetic is not null)
            throw new ArgumentException($"Training set '{request.TrainingSet.Manifest.Id}' is real: it has no generator, leave Synthetic empty.", nameof(request));
        if (request.ProbeSpeakers && request.RealSet.Manifest.Split(DataSplit.Train) is null)
            throw new ArgumentException($"The speaker probe needs the real set's train split, which '{request.RealSet.Manifest.Id}' lacks; turn ProbeSpeakers off.", nameof(request));
    }

    /// <summary>A real training set stops early on its own dev split; a synthetic one on the real set's (it has none).</summary>
    private static EmotionDataset? LoadDevSplit(TrainingSetEvaluationRequest request, EmotionDatasetOptions options)
    {
        var source = DevSource(request);
        return source.Manifest.Split(DataSplit.Dev) is null ? null : EmotionDataset.Load(source, DataSplit.Dev, options);
    }

    private static FeatureSetReader DevSource(TrainingSetEvaluationRequest request) =>
        request.TrainingSet.Manifest.Kind == FeatureSetKind.Synthetic ? request.RealSet : request.TrainingSet;

    /// <summary>The real training speakers' utterances (train and dev splits): speakers the model may have memorised.</summary>
    private static EmotionDataset TrainingSpeakerUtterances(FeatureSetReader real, EmotionDatasetOptions options)
    {
        var manifest = real.Manifest;
        var parts = new[] { DataSplit.Train, DataSplit.Dev }.Where(s => manifest.Split(s) is not null).Select(real.ReadSplit).ToList();
        return EmotionDataset.FromFeatureData(FeatureData.Concatenate(manifest.Dimensions, parts), manifest.Classes, manifest.Speakers, options);
    }

    private static EvaluationSetup DescribeSetup(TrainingSetEvaluationRequest request, EmotionDataset train)
    {
        var origin = request.Synthetic;
        var trainingSet = new TrainingSetDescription(
            request.TrainingSet.Manifest.Id,
            origin is null ? TrainingSetKind.Real : TrainingSetKind.Synthetic,
            origin?.PointsPerClass,
            train.ClassCounts(),
            origin?.GeneratorId,
            origin?.LossPreset);
        return new EvaluationSetup(
            request.EvaluationId,
            trainingSet,
            request.RealSet.Manifest.Id,
            request.RealSet.Manifest.Classes,
            DescribeHead(request.Head),
            DescribeTrainer(request));
    }

    private static Dictionary<string, string> DescribeHead(HeadConfig head)
    {
        var pairs = new Dictionary<string, string> { ["type"] = head.Type, ["hiddenSize"] = Text(head.HiddenSize) };
        if (head.Type == HeadConfig.TemporalConv) pairs["kernelSize"] = Text(head.KernelSize);
        return pairs;
    }

    /// <summary>The trainer settings a reader needs to reproduce a repeat (the seed is per repeat).</summary>
    private static Dictionary<string, string> DescribeTrainer(TrainingSetEvaluationRequest request)
    {
        var options = request.Training;
        return new Dictionary<string, string>
        {
            ["optimizer"] = "adam",
            ["learningRate"] = Text(options.LearningRate),
            ["weightDecay"] = Text(options.WeightDecay),
            ["batchSize"] = Text(options.BatchSize),
            ["maxEpochs"] = Text(options.MaxEpochs),
            ["patience"] = options.Patience is { } patience ? Text(patience) : "none",
            ["classWeighting"] = options.BalanceClasses ? "balanced"
                : options.ClassWeights is { } weights ? string.Join(";", weights.Select(Text)) : "none",
            ["maxGradientNorm"] = options.MaxGradientNorm is { } norm ? Text(norm) : "none",
            ["maxFrames"] = request.MaxFrames is { } frames ? Text(frames) : "none",
            ["normalization"] = request.RealSet.Manifest.Normalization is null ? "none" : $"{request.RealSet.Manifest.Id}/train",
            ["earlyStoppingSplit"] = DevSource(request).Manifest.Split(DataSplit.Dev) is null ? "none" : $"{DevSource(request).Manifest.Id}/dev",
        };
    }

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
