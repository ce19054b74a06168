using DistillPlatform.Emotion.Data;
using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Probe;
using DistillPlatform.Emotion.Training;
using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Emotion.Tests;

public sealed class SpeakerProbeTests
{
    private static SpeakerProbeReport ProbeTrainingSpeakers(ToySpec spec)
    {
        using var toy = new ToyFeatureSet(spec);
        var train = EmotionDataset.Load(toy.Reader, DataSplit.Train, EmotionDatasetOptions.NormalizedBy(toy.Reader.Manifest));
        var options = new EmotionTrainingOptions { LearningRate = 3e-3, BatchSize = 16, MaxEpochs = 5, Patience = null, Seed = 1 };
        using var trained = new EmotionTrainer(options).Train(new HeadConfig(HeadConfig.SuperbEmotion, HiddenSize: 32), train);
        return SpeakerProbe.Run(trained.Model, train, new SpeakerProbeOptions { Seed = 3, Epochs = 200 });
    }

    [Fact]
    public void Speakers_that_shift_the_features_are_identified_well_above_chance()
    {
        var report = ProbeTrainingSpeakers(new ToySpec(Speakers: 4, UtterancesPerSpeakerAndClass: 12, ClassStrength: 1.0, SpeakerStrength: 2.0));

        Assert.Equal(3, report.Result.SpeakerCount); // speaker 0 is the toy set's test speaker
        Assert.Equal(["speaker1", "speaker2", "speaker3"], report.Speakers);
        Assert.True(report.Result.Accuracy >= 0.9, $"accuracy {report.Result.Accuracy:F3}, chance {report.Result.ChanceLevel:F3}");
    }

    [Fact]
    public void Speakers_that_leave_no_trace_in_the_features_are_identified_near_chance()
    {
        var report = ProbeTrainingSpeakers(new ToySpec(Speakers: 4, UtterancesPerSpeakerAndClass: 12, ClassStrength: 1.0, SpeakerStrength: 0.0));

        Assert.Equal(3, report.Result.SpeakerCount);
        Assert.InRange(report.Result.ChanceLevel, 0.3, 0.4);
        Assert.True(report.Result.Accuracy < report.Result.ChanceLevel + 0.25,
            $"accuracy {report.Result.Accuracy:F3} with chance {report.Result.ChanceLevel:F3}, although the features carry no speaker information");
    }

    [Fact]
    public void The_probe_split_is_stratified_by_speaker()
    {
        var report = ProbeTrainingSpeakers(new ToySpec(Speakers: 4, UtterancesPerSpeakerAndClass: 12, SpeakerStrength: 1.0, DevFraction: 0));

        // 3 training speakers × 36 utterances; a quarter of each speaker's (9) is held out.
        Assert.Equal(27, report.ProbeTestUtterances);
        Assert.Equal(81, report.ProbeTrainUtterances);
        Assert.Equal(1.0 / 3, report.Result.ChanceLevel, precision: 12);
    }
}
