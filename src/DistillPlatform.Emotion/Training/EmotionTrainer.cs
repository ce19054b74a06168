using System.Diagnostics;
using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Metrics.Classification;
using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;
using DistillPlatform.Torch.optim;

namespace DistillPlatform.Emotion.Training;

/// <summary>
/// Trains an emotion head with Adam on cross entropy, one dispose scope per batch, early stopping on dev UAR.
/// Deterministic: the seed fixes the initial weights (torch.manual_seed) and the batch order (own generator), so
/// the same seed, data and thread count give bit-identical weights. torch's generator is process-wide: do not
/// train two models at once on different threads if you need that guarantee.
/// </summary>
public sealed class EmotionTrainer
{
    private const int EvaluationBatchSize = 64;

    public EmotionTrainer(EmotionTrainingOptions? options = null)
    {
        Options = options ?? new EmotionTrainingOptions();
    }

    public EmotionTrainingOptions Options { get; }

    /// <summary>
    /// Builds a fresh <paramref name="head"/> for <paramref name="train"/>'s dimensions and classes and trains it.
    /// <paramref name="onEpoch"/> sees each epoch's report and the model with that epoch's weights (e.g. to save a
    /// checkpoint); the returned model holds the best epoch's weights.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, or a dev set whose classes or dimensions differ from train.</exception>
    /// <exception cref="InvalidOperationException">The loss became NaN or infinite (lower the learning rate or normalise the features).</exception>
    public EmotionTrainingResult Train(HeadConfig head, EmotionDataset train, EmotionDataset? dev = null,
        Action<EpochReport, EmotionHead>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(train);
        Options.Validate(train.Classes.Count);
        if (dev is not null && (dev.Dimensions != train.Dimensions || !dev.Classes.SequenceEqual(train.Classes)))
            throw new ArgumentException(
                $"The dev set ({dev.Dimensions} dims, classes [{string.Join(", ", dev.Classes)}]) does not match the training set " +
                $"({train.Dimensions} dims, classes [{string.Join(", ", train.Classes)}]).", nameof(dev));

        var total = Stopwatch.StartNew();
        torch.manual_seed(Options.Seed);
        var model = EmotionHead.Create(head, train.Dimensions, train.Classes.Count);
        try
        {
            return Fit(model, train, dev, onEpoch, total, cancellationToken);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private EmotionTrainingResult Fit(EmotionHead model, EmotionDataset train, EmotionDataset? dev,
        Action<EpochReport, EmotionHead>? onEpoch, Stopwatch total, CancellationToken cancellationToken)
    {
        var shuffle = new SeededRandom(Options.Seed);
        using var optimizer = new Adam(model.parameters(), lr: Options.LearningRate, weight_decay: Options.WeightDecay);
        using var classWeights = ClassWeightTensor(train);
        var history = new List<EpochReport>();
        StateSnapshot? best = null;
        double bestUar = double.NegativeInfinity;
        int bestEpoch = 0;
        bool stoppedEarly = false;
        try
        {
            for (int epoch = 1; epoch <= Options.MaxEpochs; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                model.train();
                double trainLoss = TrainEpoch(model, optimizer, train, shuffle, classWeights, cancellationToken);
                double? devUar = dev is null ? null : Evaluate(model, dev).Uar;
                bool isBest = devUar is not { } uar || uar > bestUar;
                if (isBest)
                {
                    bestEpoch = epoch;
                    if (devUar is { } improved)
                    {
                        bestUar = improved;
                        best?.Dispose();
                        best = StateSnapshot.Capture(model);
                    }
                }
                var report = new EpochReport(epoch, trainLoss, devUar, epochClock.Elapsed.TotalSeconds, isBest);
                history.Add(report);
                onEpoch?.Invoke(report, model);
                if (dev is not null && Options.Patience is { } patience && epoch - bestEpoch >= patience && epoch < Options.MaxEpochs)
                {
                    stoppedEarly = true;
                    break;
                }
            }
            best?.RestoreInto(model);
            model.eval();
            return new EmotionTrainingResult(model, bestEpoch, dev is null ? null : bestUar, history.Count, stoppedEarly,
                total.Elapsed.TotalSeconds, history);
        }
        finally
        {
            best?.Dispose();
        }
    }

    private double TrainEpoch(EmotionHead model, Adam optimizer, EmotionDataset train, SeededRandom shuffle, Tensor? classWeights,
        CancellationToken cancellationToken)
    {
        double lossSum = 0;
        int seen = 0;
        foreach (int[] positions in train.BatchPositions(Options.BatchSize, shuffle))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            var batch = train.Batch(positions);
            optimizer.zero_grad();
            var loss = Loss(model, batch, classWeights);
            double value = loss.item<float>();
            if (!double.IsFinite(value))
                throw new InvalidOperationException(
                    $"The training loss became {value} after {seen} utterances of this epoch; lower the learning rate ({Options.LearningRate}) or normalise the features.");
            loss.backward();
            if (Options.MaxGradientNorm is { } maxNorm)
                GradientClipping.clip_grad_norm_(model.parameters(), maxNorm);
            optimizer.step();
            lossSum += value * batch.Size;
            seen += batch.Size;
        }
        return lossSum / seen;
    }

    private Tensor? ClassWeightTensor(EmotionDataset train)
    {
        double[]? weights = Options.ClassWeights?.ToArray();
        if (Options.BalanceClasses)
        {
            int[] counts = train.ClassCounts();
            // A class without training examples is never a target, so its weight is never used; 0 avoids dividing by 0.
            weights = counts.Select(c => c == 0 ? 0.0 : (double)train.Count / (counts.Length * c)).ToArray();
        }
        return weights is null ? null : torch.tensor(weights.Select(w => (float)w).ToArray()).DetachFromDisposeScope();
    }

    /// <summary>
    /// The training objective for one batch: cross entropy of the model's logits against the labels, with optional
    /// per-class weights [classes] (the mean divides by the summed weights of the batch's targets, as PyTorch's does).
    /// </summary>
    public static Tensor Loss(IEmotionClassifier model, EmotionBatch batch, Tensor? classWeights = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return Loss(model, batch.Features, batch.Mask, batch.Labels, classWeights);
    }

    /// <summary>The same objective for tensors not built by a dataset: features [B, T, D], mask [B, T], labels [B] int64.</summary>
    public static Tensor Loss(IEmotionClassifier model, Tensor features, Tensor mask, Tensor labels, Tensor? classWeights = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var scope = torch.NewDisposeScope();
        var logits = model.Logits(features, mask);
        return Functional.cross_entropy(logits, labels, classWeights).MoveToOuterScope();
    }

    /// <summary>The predicted class of every utterance of <paramref name="data"/>, in dataset order.</summary>
    public static int[] Predict(IEmotionClassifier model, EmotionDataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Dimensions != model.InputDimensions)
            throw new ArgumentException($"The data has {data.Dimensions}-dimensional features; the model expects {model.InputDimensions}.", nameof(data));
        var module = model as Module;
        bool wasTraining = module?.training ?? false;
        module?.eval();
        try
        {
            var predictions = new int[data.Count];
            using (torch.no_grad())
            {
                foreach (int[] positions in data.BatchPositions(EvaluationBatchSize))
                {
                    using var scope = torch.NewDisposeScope();
                    var batch = data.Batch(positions);
                    long[] classes = model.Logits(batch.Features, batch.Mask).argmax(1).ToArray<long>();
                    for (int row = 0; row < classes.Length; row++)
                        predictions[positions[row]] = (int)classes[row];
                }
            }
            return predictions;
        }
        finally
        {
            module?.train(wasTraining);
        }
    }

    /// <summary>UAR, accuracy, F1 and confusion of <paramref name="model"/> on <paramref name="data"/>.</summary>
    public static ClassificationReport Evaluate(IEmotionClassifier model, EmotionDataset data) =>
        ClassificationReport.Compute(data.Classes, data.Labels(), Predict(model, data));
}
