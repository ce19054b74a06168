using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Torch;

namespace DistillPlatform.Emotion.Tests;

public sealed class EmotionTrainerTests : IDisposable
{
    private static readonly HeadConfig SmallHead = new(HeadConfig.SuperbEmotion, HiddenSize: 16);
    private readonly ToyFeatureSet _toy = new(new ToySpec());
    private readonly EmotionDataset _train;
    private readonly EmotionDataset _dev;
    private readonly EmotionDataset _test;

    public EmotionTrainerTests()
    {
        var options = EmotionDatasetOptions.NormalizedBy(_toy.Reader.Manifest);
        _train = EmotionDataset.Load(_toy.Reader, DataSplit.Train, options);
        _dev = EmotionDataset.Load(_toy.Reader, DataSplit.Dev, options);
        _test = EmotionDataset.Load(_toy.Reader, DataSplit.Test, options);
    }

    public void Dispose() => _toy.Dispose();

    private static float[][] Weights(EmotionHead model) => model.state_dict().Select(e => e.Value.detach().ToArray<float>()).ToArray();

    [Fact]
    public void The_same_seed_gives_bit_identical_weights_and_another_seed_does_not()
    {
        var options = new EmotionTrainingOptions { LearningRate = 1e-3, BatchSize = 8, MaxEpochs = 3, Patience = null, Seed = 11 };

        using var first = new EmotionTrainer(options).Train(SmallHead, _train, _dev);
        using var again = new EmotionTrainer(options).Train(SmallHead, _train, _dev);
        using var other = new EmotionTrainer(options with { Seed = 12 }).Train(SmallHead, _train, _dev);

        Assert.Equal(Weights(first.Model), Weights(again.Model));
        Assert.NotEqual(Weights(first.Model)[0], Weights(other.Model)[0]);
    }

    [Theory]
    [InlineData(HeadConfig.SuperbEmotion)]
    [InlineData(HeadConfig.TemporalConv)]
    public void A_separable_toy_set_is_learned_and_recognised_for_an_unseen_speaker(string type)
    {
        var options = new EmotionTrainingOptions { LearningRate = 3e-3, BatchSize = 8, MaxEpochs = 25, Patience = 8, Seed = 1 };
        var reports = new List<EpochReport>();

        using var result = new EmotionTrainer(options).Train(new HeadConfig(type, HiddenSize: 16, KernelSize: 3), _train, _dev,
            (report, _) => reports.Add(report));
        var test = EmotionTrainer.Evaluate(result.Model, _test);

        Assert.True(test.Uar >= 0.9, $"test UAR {test.Uar:F3} on a separable toy set (chance 0.33)");
        Assert.True(reports[^1].TrainLoss < reports[0].TrainLoss / 2, $"train loss went from {reports[0].TrainLoss} to {reports[^1].TrainLoss}");
        Assert.Equal(result.EpochsTrained, reports.Count);
        Assert.Equal(reports.Select(r => r.Epoch), Enumerable.Range(1, reports.Count));
        Assert.All(reports, r => Assert.True(r.WallSeconds > 0));
    }

    [Fact]
    public void Early_stopping_restores_the_weights_of_the_best_dev_epoch()
    {
        // Dev labels are shuffled, so dev UAR wanders and stops improving early.
        FeatureData devData = _toy.Reader.ReadSplit(DataSplit.Dev);
        var shuffled = devData.Labels.ToArray();
        new SeededRandom(5).Shuffle(shuffled);
        var noisyDev = EmotionDataset.FromFeatureData(
            new FeatureData(devData.Dimensions, devData.UtteranceIds, devData.Lengths, shuffled, devData.Speakers, devData.Features),
            _train.Classes, _train.SpeakerNames, EmotionDatasetOptions.NormalizedBy(_toy.Reader.Manifest));
        var options = new EmotionTrainingOptions { LearningRate = 1e-2, BatchSize = 8, MaxEpochs = 40, Patience = 3, Seed = 2 };
        var devUars = new List<double>();
        var weightsPerEpoch = new List<float[][]>();

        using var result = new EmotionTrainer(options).Train(SmallHead, _train, noisyDev, (report, model) =>
        {
            devUars.Add(report.DevUar!.Value);
            weightsPerEpoch.Add(Weights(model));
        });

        int bestEpoch = devUars.IndexOf(devUars.Max()) + 1;
        Assert.True(result.StoppedEarly);
        Assert.Equal(bestEpoch, result.BestEpoch);
        Assert.Equal(bestEpoch + options.Patience, result.EpochsTrained);
        Assert.Equal(devUars.Max(), result.BestDevUar);
        Assert.Equal(weightsPerEpoch[bestEpoch - 1], Weights(result.Model));
        Assert.NotEqual(weightsPerEpoch[^1][0], Weights(result.Model)[0]);
        Assert.Equal(devUars.Max(), EmotionTrainer.Evaluate(result.Model, noisyDev).Uar, precision: 12);
    }

    [Fact]
    public void Training_frees_every_tensor_it_creates()
    {
        var options = new EmotionTrainingOptions { LearningRate = 1e-3, BatchSize = 8, MaxEpochs = 2, Patience = 1, BalanceClasses = true, Seed = 3 };
        long before = TorchDiagnostics.LiveTensorCount;

        new EmotionTrainer(options).Train(SmallHead, _train, _dev).Dispose();

        Assert.Equal(before, TorchDiagnostics.LiveTensorCount);
    }

    [Fact]
    public void Predict_returns_one_class_per_utterance_in_dataset_order()
    {
        var options = new EmotionTrainingOptions { LearningRate = 3e-3, BatchSize = 8, MaxEpochs = 10, Patience = null, Seed = 4 };
        using var result = new EmotionTrainer(options).Train(SmallHead, _train);

        int[] all = EmotionTrainer.Predict(result.Model, _test);
        int[] reversed = EmotionTrainer.Predict(result.Model, _test.Subset(Enumerable.Range(0, _test.Count).Reverse().ToArray()));

        Assert.Equal(_test.Count, all.Length);
        Assert.Equal(all.Reverse(), reversed);
        Assert.Null(result.BestDevUar);
        Assert.Equal(10, result.BestEpoch);
    }

    [Fact]
    public void Invalid_options_name_the_setting_to_fix()
    {
        var trainer = new EmotionTrainer(new EmotionTrainingOptions { ClassWeights = [1.0, 2.0] });

        var error = Assert.Throws<ArgumentException>(() => trainer.Train(SmallHead, _train));

        Assert.Contains("ClassWeights has 2 entries for 3 classes", error.Message);
    }
}
