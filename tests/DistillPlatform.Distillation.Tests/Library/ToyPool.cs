using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Pool;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Distillation.Tests.Library;

/// <summary>Trains a two-run, two-epoch checkpoint pool on a toy set's train split, as the pool service does.</summary>
internal static class ToyPool
{
    public static string Train(ToyFeatureSet set, bool normalized = true)
    {
        string folder = set.NewFolder("pool-" + Guid.NewGuid().ToString("N"));
        var options = normalized ? EmotionDatasetOptions.NormalizedBy(set.Reader.Manifest) : null;
        var train = EmotionDataset.Load(set.Reader, DataSplit.Train, options);
        var poolOptions = new CheckpointPoolOptions(
            new HeadConfig(HeadConfig.SuperbEmotion, HiddenSize: 8),
            new EmotionTrainingOptions { LearningRate = 1e-2, BatchSize = 8, MaxEpochs = 2, Patience = null },
            CheckpointPoolOptions.SeedsFrom(100, 2),
            CheckpointSchedule.EveryEpochs(1));
        new CheckpointPoolTrainer(poolOptions).Train(train, null, folder);
        return folder;
    }
}
