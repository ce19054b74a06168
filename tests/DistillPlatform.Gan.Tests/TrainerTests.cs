using DistillPlatform.Gan.Configuration;
using DistillPlatform.Gan.Data;
using DistillPlatform.Gan.Training;
using DistillPlatform.Torch;

namespace DistillPlatform.Gan.Tests;

public sealed class TrainerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"gan-trainer-{Guid.NewGuid():N}");
    private readonly List<FeatureUtterance> _corpus = TinyGan.Corpus();

    private GanTrainer NewTrainer(GanHyperParameters hyperParameters, TinyTeacherPool? teachers, GanArchitecture architecture = GanArchitecture.Cnn) =>
        new(TinyGan.Config(architecture), hyperParameters, FeatureNormalization.FromUtterances(_corpus), TinyGan.Sampler(_corpus), teachers, seed: 17);

    [Theory]
    [InlineData(GanArchitecture.Cnn)]
    [InlineData(GanArchitecture.Att)]
    public void ResumingFromACheckpointContinuesBitIdentically(GanArchitecture architecture)
    {
        var hyperParameters = GanHyperParameters.FromPreset(GanLossPreset.DivSml) with { CriticSteps = 2 };
        using var teachers = new TinyTeacherPool(3);

        using var uninterrupted = NewTrainer(hyperParameters, teachers, architecture);
        var expectedReports = Enumerable.Range(0, 4).Select(_ => uninterrupted.TrainStep()).ToList();

        using (var first = NewTrainer(hyperParameters, teachers, architecture))
        {
            first.TrainStep();
            first.TrainStep();
            first.SaveCheckpoint(_folder);
        }
        using var resumed = GanTrainer.LoadCheckpoint(_folder, TinyGan.Sampler(_corpus), teachers);
        Assert.Equal(2, resumed.Step);
        var resumedReports = new[] { resumed.TrainStep(), resumed.TrainStep() };

        Assert.Equal(expectedReports.Skip(2), resumedReports);
        AssertSameState(uninterrupted.Generator, resumed.Generator);
        AssertSameState(uninterrupted.Critic, resumed.Critic);
    }

    [Fact]
    public void SamplingIsDeterministicBySeedInFeatureUnitsAndLeavesTrainingAlone()
    {
        var hyperParameters = new GanHyperParameters(CriticSteps: 1);
        using var sampled = NewTrainer(hyperParameters, teachers: null);
        using var plain = NewTrainer(hyperParameters, teachers: null);
        using var scope = torch.NewDisposeScope();

        sampled.TrainStep();
        var first = sampled.Sample([0, 1, 2, 2], seed: 5);
        var again = sampled.Sample([0, 1, 2, 2], seed: 5);
        var other = sampled.Sample([0, 1, 2, 2], seed: 6);
        sampled.TrainStep();
        plain.TrainStep();
        plain.TrainStep();

        Assert.Equal([4L, 1, 8, 6], first.shape);
        Assert.True(first.equal(again));
        Assert.False(first.equal(other));
        // The corpus lives around 10 + dimension ± 3; standardised output mapped back lands in that range, not around 0.
        Assert.InRange(first.mean().item<float>(), 8f, 17f);
        AssertSameState(plain.Generator, sampled.Generator);
        Assert.True(sampled.Generator.training);

        // The sampling side reads only the generator and normalisation from a checkpoint and draws the same maps.
        sampled.SaveCheckpoint(_folder);
        using var sampler = GanSampler.FromCheckpoint(_folder);
        Assert.True(sampler.Sample([2, 0, 1], seed: 9).equal(sampled.Sample([2, 0, 1], seed: 9)));
    }

    [Fact]
    public void CriticQuicklyLearnsToSeparateRealMapsFromNoise()
    {
        // The generator barely moves (lr 1e-7), so its maps stay the noise an untrained network makes; only the
        // Wasserstein and gradient-penalty terms train the critic.
        var hyperParameters = new GanHyperParameters(CriticSteps: 5, CriticLearningRate: 2e-3, GeneratorLearningRate: 1e-7,
            RealClassificationWeight: 0, SyntheticClassificationWeight: 0, FeatureMatchingWeight: 0);
        using var trainer = NewTrainer(hyperParameters, teachers: null);
        var reports = Enumerable.Range(0, 10).Select(_ => trainer.TrainStep()).ToList();
        double early = reports.Take(2).Average(r => r.WassersteinEstimate);
        double late = reports.Skip(7).Average(r => r.WassersteinEstimate);
        Assert.True(late > early + 0.15, $"Wasserstein estimate went from {early:F3} to {late:F3}");
        Assert.True(late > 0, $"The critic should score real maps above synthetic ones after training; estimate {late:F3}");
        Assert.All(reports, r => Assert.True(double.IsFinite(r.CriticLoss) && double.IsFinite(r.GeneratorLoss)));
    }

    [Fact]
    public void ReportsEveryConfiguredLossTerm()
    {
        using var teachers = new TinyTeacherPool(2);
        using var trainer = NewTrainer(GanHyperParameters.FromPreset(GanLossPreset.DivSml) with { CriticSteps = 1 }, teachers);
        var report = trainer.TrainStep();
        Assert.Equal(1, report.Step);
        Assert.Equal(1, teachers.Draws);
        Assert.True(report.GradientPenalty > 0);
        Assert.True(report.FeatureMatching > 0);
        Assert.InRange(report.Diversity, -1.0, -1e-6);
        Assert.True(report.SoftmaxMatching > 0);
    }

    [Fact]
    public void MisconfiguredTrainersAndCheckpointsFailClearly()
    {
        var error = Assert.Throws<ArgumentException>(() => NewTrainer(GanHyperParameters.FromPreset(GanLossPreset.Sml), teachers: null));
        Assert.Contains("teacher pool", error.Message);
        Assert.Throws<ArgumentException>(() => new GanTrainer(TinyGan.Config(), new GanHyperParameters(), new FeatureNormalization([0f], [1f]),
            TinyGan.Sampler(_corpus), null, 1));
        Assert.Throws<FileNotFoundException>(() => GanTrainer.LoadCheckpoint(_folder, TinyGan.Sampler(_corpus), null));
        Assert.Throws<FileNotFoundException>(() => GanSampler.FromCheckpoint(_folder));
        Directory.CreateDirectory(_folder);
        File.WriteAllText(Path.Combine(_folder, GanCheckpointFiles.TrainerState), "{\"format_version\": 99}");
        Assert.Contains("lacks part", Assert.Throws<InvalidDataException>(() => GanSampler.FromCheckpoint(_folder)).Message);
        File.WriteAllText(Path.Combine(_folder, GanCheckpointFiles.TrainerState), "not json");
        Assert.Contains("not a valid GAN trainer state", Assert.Throws<InvalidDataException>(() => GanSampler.FromCheckpoint(_folder)).Message);
        using var trainer = NewTrainer(new GanHyperParameters(), teachers: null);
        Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Sample([0, 3], seed: 1));

        // A corpus whose labels exceed the model's class count is caught at the first batch.
        var foreign = TinyGan.Corpus().Select(u => u with { Label = u.Label + 2 }).ToList();
        using var mislabelled = new GanTrainer(TinyGan.Config(), new GanHyperParameters(), FeatureNormalization.FromUtterances(foreign),
            TinyGan.Sampler(foreign), null, 1);
        Assert.Contains("outside [0, 3)", Assert.Throws<InvalidOperationException>(mislabelled.TrainStep).Message);
    }

    private static void AssertSameState(Torch.nn.Module expected, Torch.nn.Module actual)
    {
        var actualState = actual.state_dict().ToDictionary(e => e.Key, e => e.Value);
        foreach (var (name, tensor) in expected.state_dict())
            Assert.True(tensor.equal(actualState[name]), $"{name} differs");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
