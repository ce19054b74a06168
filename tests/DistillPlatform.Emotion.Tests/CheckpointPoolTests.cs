using System.Security.Cryptography;
using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Pool;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Torch;

namespace DistillPlatform.Emotion.Tests;

public sealed class CheckpointPoolTests : IDisposable
{
    private static readonly HeadConfig SmallHead = new(HeadConfig.SuperbEmotion, HiddenSize: 8);
    private static readonly EmotionTrainingOptions Training = new() { LearningRate = 1e-3, BatchSize = 16, MaxEpochs = 2, Patience = null };
    private readonly ToyFeatureSet _toy = new(new ToySpec(Speakers: 3, UtterancesPerSpeakerAndClass: 4));
    private readonly EmotionDataset _train;

    public CheckpointPoolTests()
    {
        _train = EmotionDataset.Load(_toy.Reader, DataSplit.Train);
    }

    public void Dispose() => _toy.Dispose();

    private static CheckpointPoolTrainer Trainer(int runs = 3) =>
        new(new CheckpointPoolOptions(SmallHead, Training, CheckpointPoolOptions.SeedsFrom(100, runs), CheckpointSchedule.EveryEpochs(1)));

    private static Dictionary<string, string> FileHashes(string folder) =>
        Directory.GetFiles(folder, "*.safetensors").ToDictionary(p => Path.GetFileName(p), p => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(p))));

    [Fact]
    public void A_pool_keeps_the_scheduled_epochs_of_every_run_and_indexes_them()
    {
        string folder = _toy.NewFolder("pool");

        var result = Trainer().Train(_train, null, folder);

        Assert.Equal([0, 1, 2], result.TrainedRuns);
        Assert.Equal(6, result.Index.Checkpoints.Count);
        Assert.Equal([100, 101, 102], result.Index.Runs.Select(r => r.Seed));
        Assert.All(result.Index.Runs, r => Assert.Equal([1, 2], r.Checkpoints.Select(c => c.Epoch)));
        Assert.Equal(result.Index.Checkpoints.Select(c => c.File).Order(), FileHashes(folder).Keys.Order());
        Assert.Equal(_train.Classes, result.Index.Classes);
        Assert.Equal(_train.Dimensions, result.Index.InputDimensions);
        Assert.Equal(SmallHead, CheckpointPoolIndex.TryRead(folder)!.Head);
    }

    [Fact]
    public void Resuming_retrains_only_the_run_whose_file_is_missing()
    {
        string folder = _toy.NewFolder("pool");
        var first = Trainer().Train(_train, null, folder);
        var run1File = first.Index.Runs[1].Checkpoints[1].File;
        var hashesBefore = FileHashes(folder);
        File.Delete(Path.Combine(folder, run1File));

        var resumed = Trainer().Train(_train, null, folder);

        Assert.Equal([1], resumed.TrainedRuns);
        Assert.Equal([0, 2], resumed.SkippedRuns);
        // Training is deterministic, so the retrained run writes the same bytes again.
        Assert.Equal(hashesBefore, FileHashes(folder));
        Assert.Equal(first.Index.Checkpoints, resumed.Index.Checkpoints);
    }

    [Fact]
    public void A_complete_pool_is_not_trained_again_and_a_corrupt_file_is_retrained()
    {
        string folder = _toy.NewFolder("pool");
        var first = Trainer().Train(_train, null, folder);
        var again = Trainer().Train(_train, null, folder);
        Assert.Empty(again.TrainedRuns);

        string corrupted = Path.Combine(folder, first.Index.Runs[2].Checkpoints[0].File);
        byte[] bytes = File.ReadAllBytes(corrupted);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(corrupted, bytes);
        var repaired = Trainer().Train(_train, null, folder);

        Assert.Equal([2], repaired.TrainedRuns);
    }

    [Fact]
    public void A_folder_holding_a_pool_with_other_settings_is_refused()
    {
        string folder = _toy.NewFolder("pool");
        Trainer(runs: 1).Train(_train, null, folder);
        var otherHead = new CheckpointPoolTrainer(new CheckpointPoolOptions(new HeadConfig(HeadConfig.SuperbEmotion, HiddenSize: 4), Training,
            [100], CheckpointSchedule.EveryEpochs(1)));

        var error = Assert.Throws<InvalidOperationException>(() => otherHead.Train(_train, null, folder));

        Assert.Contains("other settings", error.Message);
    }

    [Fact]
    public void A_drawn_checkpoint_is_frozen_holds_the_trained_weights_and_passes_gradients_to_its_input()
    {
        string folder = _toy.NewFolder("pool");
        Trainer().Train(_train, null, folder);
        using var reference = new EmotionTrainer(Training with { Seed = 101 }).Train(SmallHead, _train);

        using var pool = CheckpointPool.Load(folder);
        var drawn = pool.DrawRandom(new Random(5));
        var sameDraw = pool.DrawRandom(new Random(5));
        var run1Last = pool.Get(pool.Checkpoints.ToList().FindIndex(c => c.Run == 1 && c.Epoch == 2));

        Assert.Equal(6, pool.Count);
        Assert.Same(drawn, sameDraw);
        Assert.All(drawn.Model.parameters(), p => Assert.False(p.requires_grad));
        Assert.False(drawn.Model.training);
        Assert.Equal(reference.Model.state_dict().Select(e => e.Value.ToArray<float>()),
            run1Last.Model.state_dict().Select(e => e.Value.ToArray<float>()));

        using var scope = torch.NewDisposeScope();
        var features = torch.randn([2, 5, _train.Dimensions], requires_grad: true);
        var logits = drawn.Logits(features, torch.ones([2, 5], dtype: ScalarType.Bool));
        logits.sum().backward();
        Assert.Equal([2L, _train.Classes.Count], logits.shape);
        Assert.NotNull(features.grad);
        Assert.All(drawn.Model.parameters(), p => Assert.Null(p.grad));
    }

    [Fact]
    public void Loading_a_folder_without_a_pool_says_how_to_make_one()
    {
        var error = Assert.Throws<FileNotFoundException>(() => CheckpointPool.Load(_toy.NewFolder("empty")));

        Assert.Contains("CheckpointPoolTrainer", error.Message);
    }
}
