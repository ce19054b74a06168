using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Pool;
using DistillPlatform.Emotion.Training;

namespace DistillPlatform.Services.CheckpointPool;

/// <summary>Turns a <see cref="TrainCheckpointPool"/> command into a <see cref="PoolPlan"/>, rejecting settings that cannot work.</summary>
public static class PoolRequestMapper
{
    /// <summary>Hex digits of the SHA-256 kept in a pool id: 80 bits, plenty to keep distinct pools apart.</summary>
    private const int IdHashHexDigits = 20;

    /// <exception cref="InvalidPoolRequestException">A setting is missing or out of range; the message names it.</exception>
    public static PoolPlan ToPlan(TrainCheckpointPool command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.FeatureSetId))
            throw new InvalidPoolRequestException("FeatureSetId is empty; name the feature set to train on (see FeaturesExtracted.FeatureSetId).");
        if (command.Keep is null || command.Head is null || command.Training is null)
            throw new InvalidPoolRequestException("Keep, Head and Training must all be set.");
        if (command.Runs < 1)
            throw new InvalidPoolRequestException($"Runs must be at least 1; got {command.Runs}.");
        if (command.Seeds is { } seeds && seeds.Count != command.Runs)
            throw new InvalidPoolRequestException($"{seeds.Count} seeds were given for {command.Runs} runs; give one seed per run, or none to use BaseSeed + run.");

        try
        {
            StoredPools.FeatureSetFolder(command.FeatureSetId).Validate();
            var head = new HeadConfig(command.Head.Type, command.Head.HiddenSize, command.Head.KernelSize);
            head.Validate();
            var keep = ToSchedule(command.Keep);
            // Every run trains all MaxEpochs: early stopping would leave later scheduled checkpoints out of the pool.
            var training = new EmotionTrainingOptions
            {
                LearningRate = command.Training.LearningRate,
                BatchSize = command.Training.BatchSize,
                MaxEpochs = command.Training.MaxEpochs,
                Patience = null,
            };
            var options = new CheckpointPoolOptions(head, training, command.Seeds?.ToArray() ?? CheckpointPoolOptions.SeedsFrom(command.BaseSeed, command.Runs), keep);
            // The class count matters only for explicit class weights, which requests cannot set; the consumer checks
            // again with the feature set's real class count.
            options.Validate(classCount: 1);
            if (!Enumerable.Range(1, training.MaxEpochs).Any(keep.Keeps))
                throw new InvalidPoolRequestException($"Keep ({keep}) selects no epoch within MaxEpochs {training.MaxEpochs}, so the pool would be empty.");
            return new PoolPlan(PoolIdOf(command.FeatureSetId, options), command.FeatureSetId, options, command.RequireDevSplit);
        }
        catch (ArgumentException e)
        {
            throw new InvalidPoolRequestException($"Invalid pool request: {e.Message}", e);
        }
    }

    private static CheckpointSchedule ToSchedule(KeptEpochsSpec keep) => (keep.Every, keep.Epochs) switch
    {
        ({ } every, null) => CheckpointSchedule.EveryEpochs(every),
        (null, { } epochs) => CheckpointSchedule.AtEpochs(epochs.ToArray()),
        _ => throw new InvalidPoolRequestException("Keep must set exactly one of Every (keep every k-th epoch) or Epochs (an explicit list)."),
    };

    /// <summary>
    /// "pool-" and a hash of the canonical settings: the same feature set and settings always give the same id (so a
    /// repeated request is answered from the stored pool), and any difference gives another.
    /// </summary>
    private static string PoolIdOf(string featureSetId, CheckpointPoolOptions options) => ContentId.FromJson("pool-", new
    {
        featureSetId,
        head = options.Head,
        training = options.Training,
        seeds = options.Seeds,
        keep = options.Keep.Canonical,
    }, IdHashHexDigits);
}
