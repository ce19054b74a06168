using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Distillation;
using DistillPlatform.Gan.Training;
using DistillPlatform.Torch;

namespace DistillPlatform.Distillation.Tests.Library;

public sealed class GeneratorDistillerTests : IDisposable
{
    private const int Steps = 6;
    private readonly ToyFeatureSet _set = new();

    public void Dispose() => _set.Dispose();

    private static GeneratorDistillationSettings Settings(string lossPreset = "baseline", string? poolId = null) => new(
        GeneratorId: "gen-test", ModelPreset: "cpu-tiny", Architecture: GanArchitecture.Cnn, LossPreset: lossPreset,
        HyperParameters: GanHyperParameters.FromPreset(lossPreset) with { CriticSteps = 2 },
        Steps: Steps, Seed: 5, BatchSize: 6, CheckpointEvery: 2, PoolId: poolId);

    private GeneratorDistillationResult RunToEnd(string work, string? resumeFrom = null, DistillationCallbacks? callbacks = null)
    {
        using var distiller = GeneratorDistiller.Create(_set.Folder, null, Settings());
        return distiller.Run(work, resumeFrom, callbacks);
    }

    [Fact]
    public void Resuming_from_a_mid_run_checkpoint_ends_with_the_uninterrupted_runs_weights_and_curves()
    {
        var checkpoints = new List<DistillationCheckpoint>();
        var uninterrupted = RunToEnd(_set.NewFolder("full"), callbacks: new DistillationCallbacks(OnCheckpoint: checkpoints.Add));
        Assert.Equal([2L, 4L], checkpoints.Select(c => c.Step));

        var resumed = RunToEnd(_set.NewFolder("resumed"), resumeFrom: checkpoints[0].Directory);

        Assert.True(resumed.Completed);
        Assert.Equal(2, resumed.ResumedFromStep);
        AssertSameFiles(uninterrupted.GeneratorDirectory!, resumed.GeneratorDirectory!,
            GanCheckpointFiles.Generator, GanCheckpointFiles.Critic, GanCheckpointFiles.GeneratorOptimizer, GanCheckpointFiles.CriticOptimizer,
            GanCheckpointFiles.TrainerState, TrainingCurves.FileName);
    }

    [Fact]
    public void Cancellation_stops_between_steps_with_a_checkpoint_that_resumes_to_the_same_result()
    {
        using var cancel = new CancellationTokenSource();
        var stepsSeen = new List<long>();
        GeneratorDistillationResult stopped;
        using (var distiller = GeneratorDistiller.Create(_set.Folder, null, Settings()))
        {
            stopped = distiller.Run(_set.NewFolder("cancelled"), callbacks: new DistillationCallbacks(OnStep: report =>
            {
                stepsSeen.Add(report.Step);
                if (report.Step == 3)
                    cancel.Cancel();
            }), cancellationToken: cancel.Token);
        }

        Assert.False(stopped.Completed);
        Assert.Equal([1L, 2L, 3L], stepsSeen);
        Assert.Equal(3, stopped.Step);
        Assert.Null(stopped.GeneratorDirectory);
        Assert.Equal(3, stopped.LastCheckpoint!.Step);
        Assert.Equal(DistillationCheckpoint.FolderNameOf(3), Path.GetFileName(stopped.LastCheckpoint.Directory));
        Assert.Equal(3, TrainingCurves.Load(stopped.LastCheckpoint.Directory).Steps.Count);

        var finished = RunToEnd(_set.NewFolder("after-cancel"), resumeFrom: stopped.LastCheckpoint.Directory);
        var uninterrupted = RunToEnd(_set.NewFolder("full"));
        Assert.Equal(3, finished.ResumedFromStep);
        AssertSameFiles(uninterrupted.GeneratorDirectory!, finished.GeneratorDirectory!, GanCheckpointFiles.Generator, TrainingCurves.FileName);
    }

    [Fact]
    public void The_generator_folder_has_a_manifest_of_the_feature_set_curves_and_a_loadable_generator()
    {
        var result = RunToEnd(_set.NewFolder("work"));

        var manifest = GeneratorManifest.Load(result.GeneratorDirectory!);
        Assert.Equal(result.Manifest!.CreatedAt, manifest.CreatedAt);
        Assert.Equal("gen-test", manifest.GeneratorId);
        Assert.Equal("toy-set", manifest.FeatureSetId);
        Assert.Null(manifest.PoolId);
        Assert.Equal(("cnn", "cpu-tiny", "baseline"), (manifest.Architecture, manifest.ModelPreset, manifest.LossPreset));
        Assert.Equal((Steps, 5), (manifest.Steps, manifest.Seed));
        Assert.Equal(_set.Classes, manifest.Classes);
        Assert.Equal(_set.Classes.Select((name, i) => (name, _set.TrainCounts[i])), manifest.RealClassCounts.Select(pair => (pair.Key, pair.Value)).OrderBy(p => _set.Classes.ToList().IndexOf(p.Key)));
        Assert.Equal(("toy-encoder-6", ToyFeatureSet.Dimensions, 100.0), (manifest.EncoderId, manifest.Dimensions, manifest.FrameRateHz));
        Assert.Equal(GanModelConfig.CpuTiny(3).Frames, manifest.Frames);
        Assert.Equal(new FileInfo(Path.Combine(result.GeneratorDirectory!, GanCheckpointFiles.Generator)).Length, manifest.GeneratorBytes);

        var curves = File.ReadAllLines(Path.Combine(result.GeneratorDirectory!, TrainingCurves.FileName));
        Assert.Equal("step," + string.Join(',', TrainingCurves.LossNames), curves[0]);
        Assert.Equal(Enumerable.Range(1, Steps).Select(s => s.ToString()), curves.Skip(1).Select(line => line.Split(',')[0]));

        using var sampler = GanSampler.FromCheckpoint(result.GeneratorDirectory!);
        using var scope = torch.NewDisposeScope();
        Assert.Equal([2L, 1, manifest.Frames, manifest.Dimensions], sampler.Sample([0, 2], seed: 1).shape);
    }

    [Fact]
    public void Softmax_matching_trains_against_a_pool_of_the_same_feature_set_and_records_its_id()
    {
        string poolFolder = ToyPool.Train(_set);
        using var distiller = GeneratorDistiller.Create(_set.Folder, poolFolder, Settings("+sml", poolId: "pool-1") with { Steps = 2 });

        var result = distiller.Run(_set.NewFolder("work"));

        Assert.Equal("pool-1", result.Manifest!.PoolId);
        var curves = TrainingCurves.Load(result.GeneratorDirectory!);
        Assert.All(curves.Steps, step => Assert.True(step.SoftmaxMatching > 0));
    }

    [Fact]
    public void Softmax_matching_without_a_pool_or_with_a_pool_of_other_data_is_refused()
    {
        var noPool = Assert.Throws<ArgumentException>(() => GeneratorDistiller.Create(_set.Folder, null, Settings("+div+sml")));
        Assert.Contains("needs a checkpoint pool", noPool.Message);

        using var other = new ToyFeatureSet(id: "other-set", classes: ["a", "b", "c"]);
        string otherPool = ToyPool.Train(other);
        var wrongPool = Assert.Throws<ArgumentException>(() => GeneratorDistiller.Create(_set.Folder, otherPool, Settings("+sml")));
        Assert.Contains("classes", wrongPool.Message);
    }

    [Fact]
    public void A_checkpoint_of_other_settings_is_not_resumed()
    {
        var checkpoints = new List<DistillationCheckpoint>();
        RunToEnd(_set.NewFolder("full"), callbacks: new DistillationCallbacks(OnCheckpoint: checkpoints.Add));
        using var distiller = GeneratorDistiller.Create(_set.Folder, null, Settings("+div"));

        var error = Assert.Throws<InvalidDataException>(() => distiller.Run(_set.NewFolder("other"), checkpoints[0].Directory));
        Assert.Contains("another distillation", error.Message);
    }

    private static void AssertSameFiles(string expectedFolder, string actualFolder, params string[] files)
    {
        foreach (string file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(expectedFolder, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(actualFolder, file))), $"{file} differs");
    }
}
