using System.Threading.Channels;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Pool;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.ServiceDefaults;
using MassTransit;

namespace DistillPlatform.Services.CheckpointPool;

/// <summary>
/// Handles <see cref="TrainCheckpointPool"/>: answer from the object store when the pool is already there; otherwise
/// download the feature set and whatever an earlier attempt stored of this pool, train the missing runs (uploading
/// each run as it finishes), upload the index last and publish <see cref="CheckpointPoolTrained"/>. A request that
/// cannot succeed as sent publishes <see cref="CheckpointPoolFailed"/> and faults with the same reason.
/// </summary>
public sealed class TrainCheckpointPoolConsumer(
    IArtifactStore store,
    PoolProgressStore progressStore,
    ILogger<TrainCheckpointPoolConsumer> logger) : IConsumer<TrainCheckpointPool>
{
    /// <summary>A request naming settings out of range or a feature set that is missing or malformed is at fault.</summary>
    private static readonly BadInputPolicy<TrainCheckpointPool, CheckpointPoolFailed> FailOnBadInput = new(
        isBadInput: e => e is FeatureSetFormatException or ArgumentException,
        failedEvent: (request, e) => new CheckpointPoolFailed(request.RequestId, e.Message),
        asInvalidRequest: (reason, e) => new InvalidPoolRequestException(reason, e));

    private readonly ArtifactFolders _folders = new(store);

    public async Task Consume(ConsumeContext<TrainCheckpointPool> context)
    {
        TrainCheckpointPool message = context.Message;
        CancellationToken cancellationToken = context.CancellationToken;
        PoolPlan plan = await FailOnBadInput.RunAsync(context, () => Task.FromResult(PoolRequestMapper.ToPlan(message)));
        ArtifactFolder pool = StoredPools.PoolFolder(plan.PoolId);

        ArtifactRef? stored = await _folders.FindAsync(pool, cancellationToken);
        if (stored is not null)
        {
            var storedIndex = await store.GetJsonAsync<CheckpointPoolIndex>(stored, cancellationToken);
            logger.LogInformation("Request {RequestId}: pool {PoolId} is already stored at {Uri}", message.RequestId, plan.PoolId, stored.Uri);
            await context.Publish(new CheckpointPoolTrained(message.RequestId, plan.PoolId, stored, storedIndex.Checkpoints.Count, FromCache: true), cancellationToken);
            return;
        }

        string workFolder = Directory.CreateTempSubdirectory("distill-pool-").FullName;
        try
        {
            string featureDirectory = Path.Combine(workFolder, "features");
            var (train, dev) = await FailOnBadInput.RunAsync(context, () => LoadFeatureSetAsync(plan, featureDirectory, cancellationToken));

            string poolDirectory = Path.Combine(workFolder, "pool");
            int restoredRuns = await progressStore.RestoreAsync(pool, poolDirectory, cancellationToken);
            logger.LogInformation("Request {RequestId}: training pool {PoolId} ({Runs} runs, {Restored} restored from an earlier attempt)",
                message.RequestId, plan.PoolId, plan.Options.Seeds.Count, restoredRuns);

            CheckpointPoolIndex index = await TrainAsync(context, plan, train, dev, pool, poolDirectory);
            ArtifactRef indexRef = await _folders.UploadAsync(pool, poolDirectory, index.Checkpoints.Select(c => c.File), cancellationToken);
            logger.LogInformation("Request {RequestId}: pool {PoolId} stored at {Uri}", message.RequestId, plan.PoolId, indexRef.Uri);
            await context.Publish(new CheckpointPoolTrained(message.RequestId, plan.PoolId, indexRef, index.Checkpoints.Count, FromCache: false), cancellationToken);
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }
    }

    /// <summary>Downloads the feature set and loads its train and (if present) dev splits, normalised by the train statistics.</summary>
    private async Task<(EmotionDataset Train, EmotionDataset? Dev)> LoadFeatureSetAsync(
        PoolPlan plan, string directory, CancellationToken cancellationToken)
    {
        ArtifactFolder featureSet = StoredPools.FeatureSetFolder(plan.FeatureSetId);
        if (await _folders.FindAsync(featureSet, cancellationToken) is null)
        {
            throw new InvalidPoolRequestException(
                $"Feature set '{plan.FeatureSetId}' is not in the object store ({featureSet.ManifestKey} is missing); extract it first with ExtractFeatures.");
        }

        await _folders.DownloadAsync(featureSet, directory, cancellationToken);
        FeatureSetReader reader = FeatureSetReader.Open(directory);
        if (!reader.Splits.Contains(DataSplit.Train))
            throw new InvalidPoolRequestException($"Feature set '{plan.FeatureSetId}' has no train split to train the pool on.");
        if (plan.RequireDevSplit && !reader.Splits.Contains(DataSplit.Dev))
        {
            throw new InvalidPoolRequestException(
                $"Feature set '{plan.FeatureSetId}' has no dev split, but the request requires one (RequireDevSplit); " +
                "extract it with a dev fraction above 0, or send RequireDevSplit = false.");
        }

        EmotionDatasetOptions? options = reader.Manifest.Normalization is null ? null : EmotionDatasetOptions.NormalizedBy(reader.Manifest);
        EmotionDataset train = EmotionDataset.Load(reader, DataSplit.Train, options);
        EmotionDataset? dev = reader.Splits.Contains(DataSplit.Dev) ? EmotionDataset.Load(reader, DataSplit.Dev, options) : null;
        plan.Options.Validate(train.Classes.Count);
        return (train, dev);
    }

    /// <summary>
    /// Trains on a worker thread while this loop publishes its progress and uploads every finished run; if an upload
    /// or publish fails, training is stopped before the error propagates.
    /// </summary>
    private async Task<CheckpointPoolIndex> TrainAsync(ConsumeContext<TrainCheckpointPool> context, PoolPlan plan,
        EmotionDataset train, EmotionDataset? dev, ArtifactFolder pool, string poolDirectory)
    {
        using var stopTraining = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var events = Channel.CreateUnbounded<PoolTrainingEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        Task<CheckpointPoolTrainingResult> training = Task.Factory.StartNew(() =>
        {
            try
            {
                return new CheckpointPoolTrainer(plan.Options).Train(train, dev, poolDirectory,
                    onEpoch: (run, report) => events.Writer.TryWrite(new PoolEpochTrained(run, report)),
                    onRun: (run, skipped) =>
                    {
                        // Runs found complete were restored from the store; only new ones need saving.
                        if (!skipped)
                            events.Writer.TryWrite(new PoolRunTrained(run, File.ReadAllBytes(Path.Combine(poolDirectory, CheckpointPoolIndex.FileName))));
                    },
                    stopTraining.Token);
            }
            finally
            {
                events.Writer.Complete();
            }
        }, stopTraining.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            await foreach (PoolTrainingEvent trainingEvent in events.Reader.ReadAllAsync(CancellationToken.None))
            {
                switch (trainingEvent)
                {
                    case PoolEpochTrained epoch:
                        await context.Publish(new CheckpointPoolProgress(context.Message.RequestId, plan.PoolId, epoch.Run,
                            epoch.Report.Epoch, epoch.Report.DevUar, epoch.Report.TrainLoss), context.CancellationToken);
                        break;
                    case PoolRunTrained run:
                        await progressStore.SaveRunAsync(pool, poolDirectory, run, context.CancellationToken);
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

        return (await training).Index;
    }
}
