using System.Diagnostics;
using System.Threading.Channels;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Distillation;
using DistillPlatform.Gan.Training;
using DistillPlatform.ServiceDefaults;
using MassTransit;

namespace DistillPlatform.Services.Distillation;

/// <summary>
/// Handles <see cref="DistillGenerator"/>: answer from the object store when the generator is already there; otherwise
/// download the feature set (and the checkpoint pool for softmax matching) and the newest stored checkpoint of this
/// generator, train the remaining steps while publishing progress and storing checkpoints, upload the generator folder
/// (generator.json last) and publish <see cref="GeneratorDistilled"/>.
/// <list type="bullet">
/// <item>A request that cannot succeed as sent publishes <see cref="DistillationFailed"/> and faults with the same reason.</item>
/// <item>A <see cref="CancelDistillation"/> stops training between steps: the checkpoint is stored,
/// <see cref="DistillationCancelled"/> published, and the command consumed normally.</item>
/// <item>When the service stops (the host's stopping token), training stops the same way and the checkpoint of the
/// step reached is stored, but the command is left unacknowledged (the consumer ends with the context's
/// <see cref="OperationCanceledException"/>), so the broker redelivers it and the next attempt resumes from that step.</item>
/// <item>Checkpoints are pruned to the newest few while training and deleted once the generator is stored.</item>
/// </list>
/// </summary>
public sealed class DistillGeneratorConsumer(
    IArtifactStore store,
    GeneratorCheckpointStore checkpoints,
    RunningDistillations running,
    DistillationServiceOptions options,
    IHostApplicationLifetime lifetime,
    ILogger<DistillGeneratorConsumer> logger) : IConsumer<DistillGenerator>
{
    /// <summary>
    /// A request naming settings out of range, or inputs that are missing, malformed or do not fit the settings, is at fault.
    /// </summary>
    private static readonly BadInputPolicy<DistillGenerator, DistillationFailed> FailOnBadInput = new(
        isBadInput: e => e is FeatureSetFormatException or ArgumentException or InvalidDataException or FileNotFoundException,
        failedEvent: (request, e) => new DistillationFailed(request.RequestId, e.Message),
        asInvalidRequest: (reason, e) => new InvalidDistillationRequestException(reason, e));

    private readonly ArtifactFolders _folders = new(store);

    public async Task Consume(ConsumeContext<DistillGenerator> context)
    {
        DistillGenerator message = context.Message;
        CancellationToken cancellationToken = context.CancellationToken;
        DistillationPlan plan = await FailOnBadInput.RunAsync(context, () => Task.FromResult(DistillationRequestMapper.ToPlan(message)));
        using Activity? activity = PlatformTelemetry.ActivitySource.StartActivity("distill");
        activity?.SetTag("distill.request_id", message.RequestId.ToString());
        activity?.SetTag("distill.generator_id", plan.GeneratorId);
        activity?.SetTag("distill.feature_set_id", plan.FeatureSetId);
        activity?.SetTag("distill.steps", plan.Settings.Steps);

        ArtifactFolder generatorFolder = StoredGenerators.GeneratorFolder(plan.GeneratorId);
        string workFolder = Directory.CreateTempSubdirectory("distill-generator-").FullName;
        try
        {
            ArtifactRef? stored = await _folders.FindAsync(generatorFolder, cancellationToken);
            if (stored is not null)
            {
                GeneratorManifest storedManifest = await ReadManifestAsync(stored, workFolder, cancellationToken);
                logger.LogInformation("Request {RequestId}: generator {GeneratorId} is already stored at {Uri}", message.RequestId, plan.GeneratorId, stored.Uri);
                // Normally none are left; an attempt that stopped between storing the generator and deleting them leaves some.
                await DeleteCheckpointsAsync(plan.GeneratorId, cancellationToken);
                activity?.SetTag("distill.outcome", "from-cache");
                await context.Publish(new GeneratorDistilled(message.RequestId, plan.GeneratorId, stored, storedManifest.Steps, storedManifest.GeneratorBytes, FromCache: true), cancellationToken);
                return;
            }

            using RunningDistillations.Job job = running.Start(message.RequestId);
            using GeneratorDistiller distiller = await FailOnBadInput.RunAsync(context, () => PrepareAsync(plan, workFolder, cancellationToken));
            DistillationCheckpoint? resume = await checkpoints.DownloadNewestAsync(plan.GeneratorId, Path.Combine(workFolder, "resume"), cancellationToken);
            activity?.SetTag("distill.resumed_from_step", resume?.Step ?? 0);
            logger.LogInformation("Request {RequestId}: distilling {GeneratorId} ({Steps} steps, {Resume})", message.RequestId, plan.GeneratorId,
                plan.Settings.Steps, resume is null ? "fresh start" : $"resuming from step {resume.Step}");

            GeneratorDistillationResult result = await TrainAsync(context, plan, distiller, resume, job, Path.Combine(workFolder, "run"));
            if (!result.Completed)
            {
                activity?.SetTag("distill.stopped_at_step", result.Step);
                if (job.IsCancelled)
                {
                    logger.LogInformation("Request {RequestId}: cancelled at step {Step} ({Reason})", message.RequestId, result.Step, job.Reason ?? "no reason given");
                    activity?.SetTag("distill.outcome", "cancelled");
                    await context.Publish(new DistillationCancelled(message.RequestId, plan.GeneratorId, result.Step), CancellationToken.None);
                    return;
                }
                logger.LogInformation("Request {RequestId}: the service is stopping; stored step {Step}, leaving the command for redelivery", message.RequestId, result.Step);
                activity?.SetTag("distill.outcome", "interrupted");
                // Only the context's own cancellation makes MassTransit return the message to the queue instead of
                // faulting it; it comes ConsumerStopTimeout after the host began stopping (training stopped at once).
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            ArtifactRef manifestRef = await _folders.UploadAsync(generatorFolder, result.GeneratorDirectory!, cancellationToken: cancellationToken);
            logger.LogInformation("Request {RequestId}: generator {GeneratorId} stored at {Uri}", message.RequestId, plan.GeneratorId, manifestRef.Uri);
            await DeleteCheckpointsAsync(plan.GeneratorId, cancellationToken);
            activity?.SetTag("distill.outcome", "distilled");
            await context.Publish(new GeneratorDistilled(message.RequestId, plan.GeneratorId, manifestRef, result.Manifest!.Steps, result.Manifest.GeneratorBytes, FromCache: false), cancellationToken);
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }
    }

    /// <summary>Downloads the inputs and builds the distiller (which checks they fit the settings).</summary>
    private async Task<GeneratorDistiller> PrepareAsync(DistillationPlan plan, string workFolder, CancellationToken cancellationToken)
    {
        string featureDirectory = Path.Combine(workFolder, "features");
        await DownloadInputAsync(StoredGenerators.FeatureSetFolder(plan.FeatureSetId), featureDirectory,
            $"Feature set '{plan.FeatureSetId}' is not in the object store", "extract it first with ExtractFeatures", cancellationToken);
        string? poolDirectory = null;
        if (plan.PoolId is { } poolId)
        {
            poolDirectory = Path.Combine(workFolder, "pool");
            await DownloadInputAsync(StoredGenerators.PoolFolder(poolId), poolDirectory,
                $"Checkpoint pool '{poolId}' is not in the object store", "train it first with TrainCheckpointPool", cancellationToken);
        }
        return GeneratorDistiller.Create(featureDirectory, poolDirectory, plan.Settings);
    }

    private async Task DownloadInputAsync(ArtifactFolder folder, string directory, string missing, string remedy, CancellationToken cancellationToken)
    {
        if (await _folders.FindAsync(folder, cancellationToken) is null)
            throw new InvalidDistillationRequestException($"{missing} ({folder.ManifestKey} is missing); {remedy}.");
        await _folders.DownloadAsync(folder, directory, cancellationToken);
    }

    /// <summary>
    /// Trains on a worker thread while this loop publishes progress and uploads checkpoints (skipping one that a newer
    /// one overtook while the previous upload ran); if an upload or publish fails, training is stopped before the error
    /// propagates. Training stops between steps when the job is cancelled, the host begins to stop, or MassTransit
    /// cancels the context.
    /// </summary>
    private async Task<GeneratorDistillationResult> TrainAsync(ConsumeContext<DistillGenerator> context, DistillationPlan plan,
        GeneratorDistiller distiller, DistillationCheckpoint? resume, RunningDistillations.Job job, string runFolder)
    {
        // The host's stopping token, not just the context's: MassTransit cancels the context only ConsumerStopTimeout
        // after the stop began, while every second counts against the grace period before the process is killed.
        using var stopTraining = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, job.Token, lifetime.ApplicationStopping);
        var events = Channel.CreateUnbounded<DistillationEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        GanStepReport? lastReport = null;
        long newestWrittenStep = -1; // set on the training thread, read by the loop below
        var callbacks = new DistillationCallbacks(
            OnStep: report =>
            {
                lastReport = report;
                events.Writer.TryWrite(new DistillationStepTrained(report));
            },
            OnCheckpoint: checkpoint =>
            {
                Interlocked.Exchange(ref newestWrittenStep, checkpoint.Step);
                events.Writer.TryWrite(new DistillationCheckpointWritten(checkpoint, lastReport));
            });
        Task<GeneratorDistillationResult> training = Task.Factory.StartNew(() =>
        {
            try
            {
                return distiller.Run(runFolder, resume?.Directory, callbacks, stopTraining.Token);
            }
            finally
            {
                events.Writer.Complete();
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        long resumedFromStep = resume?.Step ?? 0;
        long newestStoredStep = resume?.Step ?? -1;
        var meter = new ProgressMeter(plan.Settings.Steps, minimumInterval: options.ProgressInterval);
        try
        {
            await foreach (DistillationEvent trainingEvent in events.Reader.ReadAllAsync(CancellationToken.None))
            {
                switch (trainingEvent)
                {
                    case DistillationStepTrained step when meter.Record(step.Report.Step):
                        logger.LogInformation("Generator {GeneratorId}: step {Step}/{Total}, {StepsPerSecond:0.###} steps/s, critic {Critic:0.####}, generator {Generator:0.####}",
                            plan.GeneratorId, step.Report.Step, plan.Settings.Steps, meter.StepsPerSecond, step.Report.CriticLoss, step.Report.GeneratorLoss);
                        // Not the context's token: progress of a stopping job is still worth reporting, and a cancelled
                        // publish here would abandon the checkpoint upload that follows.
                        await context.Publish(new DistillationProgress(context.Message.RequestId, plan.GeneratorId, step.Report.Step, plan.Settings.Steps,
                            meter.StepsPerSecond, meter.EstimatedRemaining, TrainingCurves.LossesOf(step.Report), resumedFromStep), CancellationToken.None);
                        break;
                    case DistillationCheckpointWritten written when written.Checkpoint.Step < Interlocked.Read(ref newestWrittenStep):
                        // A newer checkpoint is already written: when uploads are slower than training, storing this one
                        // would only delay that one, and a stopping service's exit along with it.
                        Directory.Delete(written.Checkpoint.Directory, recursive: true);
                        break;
                    case DistillationCheckpointWritten written when written.Checkpoint.Step > newestStoredStep:
                        await UploadCheckpointAsync(plan.GeneratorId, written);
                        newestStoredStep = written.Checkpoint.Step;
                        break;
                }
            }
        }
        catch
        {
            await stopTraining.CancelAsync();
            // Wait for the training thread to stop (its own outcome no longer matters) before the caller deletes the
            // folder it writes into.
            await training.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
        return await training;
    }

    /// <summary>
    /// Stores one checkpoint (pruning the older ones), then drops the local copy. Deliberately not cancelled by the
    /// context's token: when the service stops, this upload is what lets the redelivered command resume from the step
    /// it stopped at.
    /// </summary>
    private async Task UploadCheckpointAsync(string generatorId, DistillationCheckpointWritten written)
    {
        using Activity? activity = PlatformTelemetry.ActivitySource.StartActivity("checkpoint upload");
        activity?.SetTag("distill.generator_id", generatorId);
        activity?.SetTag("distill.step", written.Checkpoint.Step);
        if (written.LastReport is { } report)
        {
            foreach (var (name, value) in TrainingCurves.LossesOf(report))
                activity?.SetTag($"distill.loss.{name}", value);
        }
        IReadOnlyList<long> pruned = await checkpoints.UploadAsync(generatorId, written.Checkpoint, CancellationToken.None);
        activity?.SetTag("distill.pruned_steps", string.Join(',', pruned));
        Directory.Delete(written.Checkpoint.Directory, recursive: true);
        logger.LogInformation("Generator {GeneratorId}: checkpoint of step {Step} stored; older checkpoints deleted: {PrunedSteps}", generatorId,
            written.Checkpoint.Step, pruned.Count == 0 ? "none" : string.Join(", ", pruned));
    }

    /// <summary>Drops the job's checkpoints once its generator is stored: nothing resumes from them any more.</summary>
    private async Task DeleteCheckpointsAsync(string generatorId, CancellationToken cancellationToken)
    {
        int deleted = await checkpoints.DeleteAllAsync(generatorId, cancellationToken);
        if (deleted > 0)
            logger.LogInformation("Generator {GeneratorId}: its {Files} checkpoint files were deleted", generatorId, deleted);
    }

    private async Task<GeneratorManifest> ReadManifestAsync(ArtifactRef manifest, string workFolder, CancellationToken cancellationToken)
    {
        string directory = Directory.CreateDirectory(Path.Combine(workFolder, "stored")).FullName;
        await using (FileStream output = File.Create(Path.Combine(directory, GeneratorManifest.FileName)))
            await store.DownloadAsync(manifest, output, cancellationToken);
        return GeneratorManifest.Load(directory);
    }
}
