using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Metrics.Reports;

namespace DistillPlatform.Evaluation.Tests;

public sealed class EvaluationServiceTests(EvaluationServiceFixture service) : IClassFixture<EvaluationServiceFixture>
{
    private static readonly TimeSpan OutcomeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Small and short, so two evaluations fit in the test budget on two cores.</summary>
    private static readonly EvaluationHeadSpec Head = new(HiddenSize: 32);
    private static readonly EvaluationTrainerSpec Trainer = new(MaxEpochs: 6, Patience: 3, BatchSize: 16);

    [Fact]
    public async Task Evaluation_is_stored_with_every_field_and_a_later_one_is_compared_with_it_by_McNemar()
    {
        var realId = service.RealSet.Id;
        var storage = new StorageInfo(SourceAudioBytes: 5_000_000, RealFeatureSetBytes: 400_000, TrainingSetBytes: 400_000);
        var baselineId = "baseline-" + Guid.NewGuid().ToString("N");
        var baseline = new EvaluateTrainingSet(Guid.NewGuid(), baselineId, realId, realId, Head, Trainer, Repeats: 2, BaseSeed: 10, Storage: storage);

        var completed = Assert.IsType<EvaluationCompleted>(await EvaluateAsync(baseline));

        Assert.Equal(baselineId, completed.EvaluationId);
        Assert.EndsWith($"evaluations/{baselineId}/report.json", completed.Report.Uri);
        Assert.EndsWith($"evaluations/{baselineId}/report.md", completed.Markdown.Uri);
        var report = await ReadReportAsync(completed);
        Assert.Equal(baselineId, report.Setup.EvaluationId);
        Assert.Equal(realId, report.Setup.TestSetId);
        Assert.Equal(realId, report.Setup.TrainingSet.ArtifactId);
        Assert.Equal(TrainingSetKind.Real, report.Setup.TrainingSet.Kind);
        Assert.Equal(service.RealSet.Classes, report.Setup.LabelMap);
        Assert.Equal(service.RealSet.Split(DataSplit.Train)!.ClassCounts, report.Setup.TrainingSet.ClassCounts);
        Assert.Equal("32", report.Setup.Head["hiddenSize"]);
        Assert.Equal("6", report.Setup.Trainer["maxEpochs"]);
        Assert.Equal(service.RealSet.Split(DataSplit.Test)!.Utterances, report.TestTrueClasses.Count);
        Assert.Equal([10, 11], report.Repeats.Select(r => r.Seed));
        Assert.All(report.Repeats, repeat =>
        {
            Assert.Equal(report.TestTrueClasses.Count, repeat.Predictions.Count);
            Assert.InRange(repeat.BestDevUarEpoch, 1, repeat.EpochsTrained);
            Assert.True(repeat.TrainingWallTimeSeconds > 0);
        });
        Assert.Equal(report.Aggregate.Uar.Mean, completed.UarMean);
        Assert.Equal(report.Aggregate.Uar.StandardDeviation, completed.UarStd);
        Assert.Equal(new StorageFootprint(5_000_000, 400_000, 400_000, null), report.Storage);
        Assert.NotNull(report.SpeakerProbe);
        Assert.Equal(6, report.SpeakerProbe.SpeakerCount); // 8 demo speakers, 2 held out for test
        Assert.Null(report.McNemar);
        Assert.Contains(baselineId, await ReadTextAsync(completed.Markdown));

        // The same evaluation id again is answered from the store, not evaluated anew.
        var again = Assert.IsType<EvaluationCompleted>(await EvaluateAsync(baseline with { RequestId = Guid.NewGuid() }));
        Assert.Equal(completed.Report, again.Report);
        Assert.Equal(completed.UarMean, again.UarMean);

        var comparisonId = "comparison-" + Guid.NewGuid().ToString("N");
        var comparison = new EvaluateTrainingSet(Guid.NewGuid(), comparisonId, realId, realId, Head, Trainer with { LearningRate = 3e-3 },
            Repeats: 1, BaseSeed: 20, ReferenceEvaluationId: baselineId, ProbeSpeakers: false);

        var compared = await ReadReportAsync(Assert.IsType<EvaluationCompleted>(await EvaluateAsync(comparison)));

        var mcNemar = Assert.IsType<McNemarComparison>(compared.McNemar);
        Assert.Equal(baselineId, mcNemar.ReferenceEvaluationId);
        var truth = compared.TestTrueClasses;
        var mine = compared.MedianRepeat().Predictions;
        var theirs = report.MedianRepeat().Predictions;
        Assert.Equal(Enumerable.Range(0, truth.Count).Count(i => mine[i] == truth[i] && theirs[i] != truth[i]), mcNemar.OnlyThisCorrect);
        Assert.Equal(Enumerable.Range(0, truth.Count).Count(i => mine[i] != truth[i] && theirs[i] == truth[i]), mcNemar.OnlyReferenceCorrect);
        Assert.Null(compared.SpeakerProbe);
    }

    [Fact]
    public async Task A_missing_feature_set_fails_the_request_and_stores_nothing()
    {
        var evaluationId = "missing-" + Guid.NewGuid().ToString("N");
        var command = new EvaluateTrainingSet(Guid.NewGuid(), evaluationId, "no-such-feature-set", service.RealSet.Id, Head, Trainer, Repeats: 1, BaseSeed: 0);

        var failed = Assert.IsType<EvaluationFailed>(await EvaluateAsync(command));
        await service.Outcomes.WaitForFaultAsync(command.RequestId, OutcomeTimeout);

        Assert.Equal(evaluationId, failed.EvaluationId);
        Assert.Contains("'no-such-feature-set' is not stored", failed.Reason);
        Assert.False(await service.Store.ExistsAsync($"evaluations/{evaluationId}/report.json"));
        Assert.False(await service.Store.ExistsAsync($"evaluations/{evaluationId}/report.md"));
    }

    [Fact]
    public async Task A_training_set_with_other_classes_fails_the_request_naming_both_label_maps()
    {
        var renamed = WriteSyntheticCopyWithReversedClasses();
        await service.UploadFeatureSetAsync(renamed.Directory, renamed.Manifest);
        var evaluationId = "incompatible-" + Guid.NewGuid().ToString("N");
        var command = new EvaluateTrainingSet(Guid.NewGuid(), evaluationId, renamed.Manifest.Id, service.RealSet.Id, Head, Trainer, Repeats: 1, BaseSeed: 0,
            Generator: new SyntheticTrainingSetSpec("generator-1", "baseline", PointsPerClass: 8));

        var failed = Assert.IsType<EvaluationFailed>(await EvaluateAsync(command));
        await service.Outcomes.WaitForFaultAsync(command.RequestId, OutcomeTimeout);

        Assert.Contains($"[{string.Join(", ", service.RealSet.Classes.Reverse())}]", failed.Reason);
        Assert.Contains($"[{string.Join(", ", service.RealSet.Classes)}]", failed.Reason);
        Assert.False(await service.Store.ExistsAsync($"evaluations/{evaluationId}/report.json"));
    }

    /// <summary>The real train split as a synthetic set whose class names are listed in reverse order.</summary>
    private FeatureSetReader WriteSyntheticCopyWithReversedClasses()
    {
        var real = FeatureSetReader.Open(service.RealSetDirectory);
        var manifest = real.Manifest;
        var description = new FeatureSetDescription("reversed-" + Guid.NewGuid().ToString("N"), FeatureSetKind.Synthetic, manifest.EncoderId,
            manifest.EncoderConfig, manifest.FrameRateHz, manifest.Dimensions, manifest.Classes.Reverse().ToArray(), [], "evaluation-service-tests");
        string folder = service.NewFolder();
        var writer = new FeatureSetWriter(folder, description);
        var train = real.ReadSplit(DataSplit.Train);
        for (int i = 0; i < train.Count; i++)
            writer.Add(DataSplit.Train, "synthetic-" + i, (int)train.Labels[i], FeatureSetLayout.UnknownSpeaker, (int)train.Lengths[i], train.Frames(i).Span);
        writer.Complete();
        return FeatureSetReader.Open(folder);
    }

    private async Task<object> EvaluateAsync(EvaluateTrainingSet command)
    {
        await service.SendAsync(command);
        return await service.Outcomes.WaitAsync(command.RequestId, OutcomeTimeout);
    }

    private async Task<EvaluationReport> ReadReportAsync(EvaluationCompleted completed) =>
        ReportJson.DeserializeEvaluation(await ReadTextAsync(completed.Report));

    private async Task<string> ReadTextAsync(DistillPlatform.Contracts.Artifacts.ArtifactRef artifact)
    {
        await using var content = await service.Store.OpenReadAsync(artifact);
        using var reader = new StreamReader(content);
        return await reader.ReadToEndAsync();
    }
}
