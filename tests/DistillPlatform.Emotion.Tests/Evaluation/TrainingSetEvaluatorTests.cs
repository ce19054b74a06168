using DistillPlatform.Emotion.Evaluation;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Probe;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Metrics.Reports;

namespace DistillPlatform.Emotion.Tests.Evaluation;

public sealed class TrainingSetEvaluatorTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 1, 0, 0, TimeSpan.Zero);

    // Speaker 0 is the test speaker, speakers 1-3 train/dev: the probe chooses between 3 speakers.
    private readonly ToyFeatureSet _real = new(new ToySpec(Classes: 3, Speakers: 4, UtterancesPerSpeakerAndClass: 6, SpeakerStrength: 1.0));
    private readonly TrainingSetEvaluator _evaluator = new(new FixedClock(Now));

    public void Dispose() => _real.Dispose();

    private TrainingSetEvaluationRequest Request(string id, FeatureSetReader training, params int[] seeds) =>
        new(id, training, _real.Reader, new HeadConfig(HeadConfig.SuperbEmotion, HiddenSize: 16),
            new EmotionTrainingOptions { LearningRate = 1e-2, MaxEpochs = 12, Patience = 4, BatchSize = 8 }, seeds)
        {
            SpeakerProbe = new SpeakerProbeOptions { Epochs = 60 },
            BootstrapResamples = 200,
        };

    [Fact]
    public void Real_baseline_report_has_every_field()
    {
        var storage = new StorageFootprint(SourceAudioBytes: 1_000_000, RealFeatureSetBytes: 50_000, TrainingSetBytes: 50_000, GeneratorBytes: null);
        var report = _evaluator.Evaluate(Request("baseline", _real.Reader, 3, 4, 5) with { Storage = storage });

        var manifest = _real.Reader.Manifest;
        long[] testLabels = _real.Reader.ReadSplit(DataSplit.Test).Labels;
        Assert.Equal(EvaluationReport.CurrentFormatVersion, report.FormatVersion);
        Assert.Equal(Now, report.CreatedAt);
        Assert.Equal("baseline", report.Setup.EvaluationId);
        Assert.Equal(manifest.Id, report.Setup.TestSetId);
        Assert.Equal(manifest.Classes, report.Setup.LabelMap);
        Assert.Equal(manifest.Id, report.Setup.TrainingSet.ArtifactId);
        Assert.Equal(TrainingSetKind.Real, report.Setup.TrainingSet.Kind);
        Assert.Equal(manifest.Split(DataSplit.Train)!.ClassCounts, report.Setup.TrainingSet.ClassCounts);
        Assert.Null(report.Setup.TrainingSet.GeneratorId);
        Assert.Equal(HeadConfig.SuperbEmotion, report.Setup.Head["type"]);
        Assert.Equal("16", report.Setup.Head["hiddenSize"]);
        Assert.Equal("0.01", report.Setup.Trainer["learningRate"]);
        Assert.Equal($"{manifest.Id}/dev", report.Setup.Trainer["earlyStoppingSplit"]);
        Assert.Equal(testLabels.Select(l => (int)l), report.TestTrueClasses);

        Assert.Equal([3, 4, 5], report.Repeats.Select(r => r.Seed));
        foreach (var repeat in report.Repeats)
        {
            Assert.Equal(testLabels.Length, repeat.Predictions.Count);
            Assert.InRange(repeat.EpochsTrained, 1, 12);
            Assert.InRange(repeat.BestDevUarEpoch, 1, repeat.EpochsTrained);
            Assert.True(repeat.TrainingWallTimeSeconds > 0);
            Assert.Equal(HandUar(report.TestTrueClasses, repeat.Predictions, 3), repeat.Uar, 12);
        }
        // Classes are 2 units apart against unit noise: every model must be far above chance (1/3).
        Assert.True(report.Aggregate.Uar.Mean > 0.7, $"mean UAR {report.Aggregate.Uar.Mean}");
        Assert.Equal(3, report.Aggregate.Uar.Count);
        Assert.Equal(3, report.TrainingTime.WallTimeSeconds.Count);
        Assert.Null(report.McNemar);
        Assert.Equal(storage, report.Storage);
        Assert.NotNull(report.SpeakerProbe);
        Assert.Equal(3, report.SpeakerProbe.SpeakerCount);

        // What is written is what is read back.
        var roundTrip = ReportJson.DeserializeEvaluation(ReportJson.Serialize(report));
        Assert.Equal(ReportJson.Serialize(report), ReportJson.Serialize(roundTrip));
    }

    [Fact]
    public void Synthetic_set_stops_early_on_the_real_dev_split_and_is_compared_with_the_reference_by_McNemar()
    {
        var baseline = _evaluator.Evaluate(Request("baseline", _real.Reader, 0) with { ProbeSpeakers = false });
        var synthetic = SyntheticCopy.Write(_real.NewFolder("synthetic"), _real.Reader);

        var report = _evaluator.Evaluate(Request("synthetic", synthetic, 7, 8) with
        {
            Synthetic = new SyntheticOrigin("generator-1", "+div+sml", PointsPerClass: 10),
            Reference = baseline,
        });

        Assert.Equal(TrainingSetKind.Synthetic, report.Setup.TrainingSet.Kind);
        Assert.Equal("generator-1", report.Setup.TrainingSet.GeneratorId);
        Assert.Equal("+div+sml", report.Setup.TrainingSet.LossPreset);
        Assert.Equal(10, report.Setup.TrainingSet.PointsPerClass);
        Assert.Equal(synthetic.Manifest.Id, report.Setup.TrainingSet.ArtifactId);
        Assert.Equal($"{_real.Reader.Manifest.Id}/dev", report.Setup.Trainer["earlyStoppingSplit"]);
        Assert.NotNull(report.SpeakerProbe);

        // McNemar's discordant counts, counted by hand from the two median repeats' predictions.
        var mcNemar = Assert.IsType<McNemarComparison>(report.McNemar);
        var truth = report.TestTrueClasses;
        var mine = report.MedianRepeat().Predictions;
        var theirs = baseline.MedianRepeat().Predictions;
        int onlyMine = Enumerable.Range(0, truth.Count).Count(i => mine[i] == truth[i] && theirs[i] != truth[i]);
        int onlyTheirs = Enumerable.Range(0, truth.Count).Count(i => mine[i] != truth[i] && theirs[i] == truth[i]);
        Assert.Equal("baseline", mcNemar.ReferenceEvaluationId);
        Assert.Equal(onlyMine, mcNemar.OnlyThisCorrect);
        Assert.Equal(onlyTheirs, mcNemar.OnlyReferenceCorrect);
        Assert.Equal(report.Aggregate.MedianRepeatIndex, mcNemar.RepeatIndex);
        Assert.InRange(mcNemar.PValue, 0, 1);
    }

    [Fact]
    public void Different_class_names_are_refused_naming_both_label_maps()
    {
        var renamed = SyntheticCopy.Write(_real.NewFolder("renamed"), _real.Reader, classes: ["class0", "class2", "class1"]);

        var error = Assert.Throws<IncompatibleTrainingSetException>(() => _evaluator.Evaluate(SyntheticRequest(renamed)));

        Assert.Contains("[class0, class2, class1]", error.Message);
        Assert.Contains("[class0, class1, class2]", error.Message);
    }

    [Fact]
    public void Different_feature_dimensions_are_refused()
    {
        var narrow = SyntheticCopy.Write(_real.NewFolder("narrow"), _real.Reader, dimensions: 5);

        var error = Assert.Throws<IncompatibleTrainingSetException>(() => _evaluator.Evaluate(SyntheticRequest(narrow)));

        Assert.Contains("5-dimensional", error.Message);
        Assert.Contains("has 8", error.Message);
    }

    [Fact]
    public void A_training_set_without_examples_of_a_class_is_refused_naming_the_class()
    {
        var missingClass = SyntheticCopy.Write(_real.NewFolder("missing-class"), _real.Reader, omitClass: 1);

        var error = Assert.Throws<IncompatibleTrainingSetException>(() => _evaluator.Evaluate(SyntheticRequest(missingClass)));

        Assert.Contains("'class1'", error.Message);
    }

    [Fact]
    public void A_synthetic_set_without_its_generator_origin_is_refused()
    {
        var synthetic = SyntheticCopy.Write(_real.NewFolder("synthetic"), _real.Reader);

        var error = Assert.Throws<ArgumentException>(() => _evaluator.Evaluate(Request("synthetic", synthetic, 0)));

        Assert.Contains("generator id", error.Message);
    }

    [Fact]
    public void Repeated_seeds_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => _evaluator.Evaluate(Request("baseline", _real.Reader, 1, 1)));

        Assert.Contains("repeat a value", error.Message);
    }

    private TrainingSetEvaluationRequest SyntheticRequest(FeatureSetReader training) =>
        Request("synthetic", training, 0) with { Synthetic = new SyntheticOrigin("generator-1", "baseline", PointsPerClass: 10) };

    /// <summary>Mean over classes of correct / examples, written out independently of the Metrics library.</summary>
    private static double HandUar(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, int classes)
    {
        double sum = 0;
        for (int c = 0; c < classes; c++)
        {
            int total = 0, correct = 0;
            for (int i = 0; i < truth.Count; i++)
            {
                if (truth[i] != c) continue;
                total++;
                if (predicted[i] == c) correct++;
            }
            sum += (double)correct / total;
        }
        return sum / classes;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
