using DistillPlatform.Contracts.Commands;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Emotion.Evaluation;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Metrics.Reports;
using DistillPlatform.ServiceDefaults;
using MassTransit;

namespace DistillPlatform.Services.Evaluation;

/// <summary>
/// Handles <see cref="EvaluateTrainingSet"/>: download the training and real feature sets (and the reference report),
/// evaluate in-process with <see cref="TrainingSetEvaluator"/>, upload the report folder under
/// <c>evaluations/&lt;id&gt;/</c> with report.json last and publish <see cref="EvaluationCompleted"/>. An evaluation
/// that is already stored is answered from the store. A request that cannot succeed as sent publishes
/// <see cref="EvaluationFailed"/> and faults with the same reason; nothing is stored for it.
/// </summary>
public sealed class EvaluateTrainingSetConsumer(
    TrainingSetEvaluator evaluator,
    StoredFeatureSetDownloader featureSets,
    StoredEvaluations evaluations,
    ILogger<EvaluateTrainingSetConsumer> logger) : IConsumer<EvaluateTrainingSet>
{
    /// <summary>
    /// A request naming settings out of range, or feature sets that are missing, malformed or do not fit each other, is
    /// at fault. A library's exception is wrapped in a plain <see cref="InvalidRequestException"/>; the service's own
    /// <see cref="MissingEvaluationInputException"/> already is one.
    /// </summary>
    private static readonly BadInputPolicy<EvaluateTrainingSet, EvaluationFailed> FailOnBadInput = new(
        isBadInput: e => e is IncompatibleTrainingSetException or FeatureSetFormatException or ArgumentException,
        failedEvent: (request, e) => new EvaluationFailed(request.RequestId, request.EvaluationId, e.Message),
        asInvalidRequest: (reason, e) => new InvalidRequestException(reason, e));

    public async Task Consume(ConsumeContext<EvaluateTrainingSet> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        await FailOnBadInput.RunAsync(context, () => Task.FromResult(StoredEvaluations.FolderOf(message.EvaluationId)));

        if (await evaluations.FindAsync(message.EvaluationId, cancellationToken) is { } existing)
        {
            logger.LogInformation("Request {RequestId}: evaluation {EvaluationId} is already stored at {Uri}", message.RequestId, message.EvaluationId, existing.Json.Uri);
            await context.Publish(Completed(message, existing, await evaluations.ReadAsync(existing.Json, cancellationToken)), cancellationToken);
            return;
        }

        string workFolder = Directory.CreateTempSubdirectory("distill-evaluation-").FullName;
        try
        {
            var request = await FailOnBadInput.RunAsync(context, () => PrepareAsync(message, workFolder, cancellationToken));
            logger.LogInformation("Request {RequestId}: evaluating training set {TrainingSetId} on {TestSetId}, {Repeats} repeats",
                message.RequestId, message.TrainingSetId, message.TestSetId, message.Repeats);
            // Training is synchronous and CPU-bound: run it off the bus's dispatch thread.
            var report = await FailOnBadInput.RunAsync(context, () => Task.Run(() => evaluator.Evaluate(request, cancellationToken), cancellationToken));
            string reportFolder = Path.Combine(workFolder, "report");
            await ReportFiles.WriteAsync(report, reportFolder, cancellationToken);
            var stored = await evaluations.UploadAsync(message.EvaluationId, reportFolder, cancellationToken);
            logger.LogInformation("Request {RequestId}: evaluation {EvaluationId} stored at {Uri}, UAR {Uar}",
                message.RequestId, message.EvaluationId, stored.Json.Uri, report.Aggregate.Uar.Mean);
            await context.Publish(Completed(message, stored, report), cancellationToken);
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }
    }

    private async Task<TrainingSetEvaluationRequest> PrepareAsync(EvaluateTrainingSet message, string workFolder, CancellationToken cancellationToken)
    {
        if (message.Repeats < 1) throw new ArgumentException($"Repeats must be at least 1; got {message.Repeats}.");
        if (message.BaseSeed > int.MaxValue - (message.Repeats - 1))
            throw new ArgumentException($"Seeds {message.BaseSeed}..{message.BaseSeed}+{message.Repeats - 1} overflow a 32-bit integer; use a smaller base seed.");
        ArgumentNullException.ThrowIfNull(message.Head, nameof(message.Head));
        ArgumentNullException.ThrowIfNull(message.Trainer, nameof(message.Trainer));
        var real = await featureSets.DownloadAsync(message.TestSetId, workFolder, cancellationToken);
        var training = message.TrainingSetId == message.TestSetId
            ? real
            : await featureSets.DownloadAsync(message.TrainingSetId, workFolder, cancellationToken);
        var reference = message.ReferenceEvaluationId is { } referenceId
            ? await evaluations.ReadReferenceAsync(referenceId, cancellationToken)
            : null;
        return ToRequest(message, training, real, reference);
    }

    private static TrainingSetEvaluationRequest ToRequest(EvaluateTrainingSet message, FeatureSetReader training, FeatureSetReader real, EvaluationReport? reference)
    {
        var trainer = message.Trainer;
        var options = new EmotionTrainingOptions
        {
            LearningRate = trainer.LearningRate,
            WeightDecay = trainer.WeightDecay,
            BatchSize = trainer.BatchSize,
            MaxEpochs = trainer.MaxEpochs,
            Patience = trainer.Patience,
            BalanceClasses = trainer.BalanceClasses,
            MaxGradientNorm = trainer.MaxGradientNorm,
        };
        return new TrainingSetEvaluationRequest(
            message.EvaluationId,
            training,
            real,
            new HeadConfig(message.Head.Type, message.Head.HiddenSize, message.Head.KernelSize),
            options,
            Enumerable.Range(0, message.Repeats).Select(i => message.BaseSeed + i).ToArray())
        {
            Synthetic = message.Generator is { } generator ? new SyntheticOrigin(generator.GeneratorId, generator.LossPreset, generator.PointsPerClass) : null,
            Reference = reference,
            Storage = message.Storage is { } storage
                ? new StorageFootprint(storage.SourceAudioBytes, storage.RealFeatureSetBytes, storage.TrainingSetBytes, storage.GeneratorBytes)
                : null,
            MaxFrames = trainer.MaxFrames,
            ProbeSpeakers = message.ProbeSpeakers,
        };
    }

    private static EvaluationCompleted Completed(EvaluateTrainingSet message, StoredEvaluations.StoredReport stored, EvaluationReport report) =>
        new(message.RequestId, message.EvaluationId, stored.Json, stored.Markdown, report.Aggregate.Uar.Mean, report.Aggregate.Uar.StandardDeviation);
}
