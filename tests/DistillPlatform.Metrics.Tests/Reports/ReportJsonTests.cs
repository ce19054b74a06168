using System.Text.Json;
using System.Text.Json.Nodes;
using DistillPlatform.Metrics.Reports;
using static DistillPlatform.Metrics.Tests.Reports.ReportFixtures;

namespace DistillPlatform.Metrics.Tests.Reports;

public class ReportJsonTests
{
    private static EvaluationReport SmallReport()
    {
        var reference = Evaluation(RealSetup(), 100, PredictionsC);
        return new EvaluationReportBuilder(SyntheticSetup("eval-syn-10", "+div+sml", 10), Truth) { BootstrapResamples = 100, BootstrapSeed = 3 }
            .AddRepeat(Repeat(11, PredictionsA, wallTimeSeconds: 12.5, epochs: 20, bestEpoch: 14))
            .CompareWith(reference)
            .WithStorage(new StorageFootprint(1_000_000, 200_000, 10_000, 50_000))
            .WithSpeakerProbe(SpeakerProbeResult.WithUniformChance(0.25, 10))
            .Build(CreatedAt);
    }

    private static string[] PropertyNames(JsonNode? node) => node!.AsObject().Select(p => p.Key).ToArray();

    [Fact]
    public void Evaluation_json_has_the_stable_camel_case_field_names()
    {
        var root = JsonNode.Parse(ReportJson.Serialize(SmallReport()))!;

        Assert.Equal(
            ["formatVersion", "setup", "createdAt", "testTrueClasses", "repeats", "aggregate", "trainingTime", "mcNemar", "storage", "speakerProbe"],
            PropertyNames(root));
        Assert.Equal(["evaluationId", "trainingSet", "testSetId", "labelMap", "head", "trainer"], PropertyNames(root["setup"]));
        Assert.Equal(["artifactId", "kind", "pointsPerClass", "classCounts", "generatorId", "lossPreset", "totalExamples"],
            PropertyNames(root["setup"]!["trainingSet"]));
        Assert.Equal(
            ["seed", "uar", "weightedAccuracy", "macroF1", "perClassRecall", "confusion", "predictions", "trainingWallTimeSeconds", "epochsTrained", "bestDevUarEpoch"],
            PropertyNames(root["repeats"]![0]));
        Assert.Equal(
            ["uar", "uarInterval", "weightedAccuracy", "macroF1", "perClassRecallMean", "summedConfusion", "medianRepeatIndex"],
            PropertyNames(root["aggregate"]));
        Assert.Equal(["mean", "standardDeviation", "count"], PropertyNames(root["aggregate"]!["uar"]));
        Assert.Equal(["estimate", "lower", "upper", "level", "resamples", "bootstrapSeed", "repeatIndex", "method"],
            PropertyNames(root["aggregate"]!["uarInterval"]));
        Assert.Equal(["wallTimeSeconds", "epochsTrained", "bestDevUarEpoch"], PropertyNames(root["trainingTime"]));
        Assert.Equal(
            ["referenceEvaluationId", "repeatIndex", "referenceRepeatIndex", "onlyThisCorrect", "onlyReferenceCorrect", "statistic", "pValue", "method"],
            PropertyNames(root["mcNemar"]));
        Assert.Equal(
            ["sourceAudioBytes", "realFeatureSetBytes", "trainingSetBytes", "generatorBytes", "trainingSetReductionVsRealFeaturesPercent",
             "trainingSetReductionVsAudioPercent", "generatorReductionVsRealFeaturesPercent", "generatorReductionVsAudioPercent"],
            PropertyNames(root["storage"]));
        Assert.Equal(["accuracy", "speakerCount", "chanceLevel"], PropertyNames(root["speakerProbe"]));
    }

    [Fact]
    public void Evaluation_json_text_carries_the_values()
    {
        var json = ReportJson.Serialize(SmallReport());

        Assert.Contains("\"formatVersion\": 1,", json);
        Assert.Contains("\"evaluationId\": \"eval-syn-10\"", json);
        Assert.Contains("\"kind\": \"synthetic\"", json);
        Assert.Contains("\"lossPreset\": \"+div+sml\"", json);
        Assert.Contains("\"createdAt\": \"2026-11-22T00:30:00+00:00\"", json);
        Assert.Contains("\"method\": \"exactBinomial\"", json);
        Assert.Contains("\"method\": \"medianRepeatPercentileBootstrap\"", json);
        Assert.Contains("\"weightedAccuracy\": 0.75,", json);
        Assert.Contains("\"trainingSetReductionVsRealFeaturesPercent\": 95", json);
        Assert.Contains("\"chanceLevel\": 0.1", json);
        Assert.DoesNotContain("\n\r", json);

        var root = JsonNode.Parse(json)!;
        Assert.Equal(PredictionsA, root["repeats"]![0]!["predictions"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(Truth, root["testTrueClasses"]!.AsArray().Select(n => n!.GetValue<int>()));
        Assert.Equal(2, root["mcNemar"]!["onlyReferenceCorrect"]!.GetValue<int>());
    }

    [Fact]
    public void Evaluation_round_trip_is_stable()
    {
        var report = SmallReport();
        var json = ReportJson.Serialize(report);

        var read = ReportJson.DeserializeEvaluation(json);

        Assert.Equal(json, ReportJson.Serialize(read));
        Assert.Equal(report.Aggregate.Uar, read.Aggregate.Uar);
        Assert.Equal(report.Aggregate.UarInterval, read.Aggregate.UarInterval);
        Assert.Equal(report.McNemar, read.McNemar);
        Assert.Equal(report.Storage, read.Storage);
        // Doubles come back bit for bit (written in shortest round-trip form).
        Assert.Equal(BitConverter.DoubleToInt64Bits(report.Repeats[0].Uar), BitConverter.DoubleToInt64Bits(read.Repeats[0].Uar));
        Assert.Equal(BitConverter.DoubleToInt64Bits(report.Aggregate.UarInterval.Lower), BitConverter.DoubleToInt64Bits(read.Aggregate.UarInterval.Lower));
        Assert.Equal(report.CreatedAt, read.CreatedAt);
        Assert.Equal(report.Setup.Trainer, read.Setup.Trainer);
        Assert.Equal([10, 10, 10], read.Setup.TrainingSet.ClassCounts);
    }

    [Fact]
    public void Absent_optional_sections_are_written_as_null_and_read_back()
    {
        var report = Evaluation(RealSetup(), 10, PredictionsA, PredictionsB);
        var json = ReportJson.Serialize(report);

        Assert.Contains("\"mcNemar\": null", json);
        Assert.Contains("\"generatorId\": null", json);
        Assert.Contains("\"kind\": \"real\"", json);
        var read = ReportJson.DeserializeEvaluation(json);
        Assert.Null(read.McNemar);
        Assert.Null(read.Storage);
        Assert.Equal(json, ReportJson.Serialize(read));
    }

    [Fact]
    public void Derived_storage_reductions_are_recomputed_on_read()
    {
        var node = JsonNode.Parse(ReportJson.Serialize(SmallReport()))!;
        node["storage"]!["trainingSetReductionVsRealFeaturesPercent"] = 12.0;

        var read = ReportJson.DeserializeEvaluation(node.ToJsonString());

        Assert.Equal(95.0, read.Storage!.TrainingSetReductionVsRealFeaturesPercent, 12);
    }

    [Fact]
    public void Unknown_format_versions_are_refused()
    {
        var node = JsonNode.Parse(ReportJson.Serialize(SmallReport()))!;
        node["formatVersion"] = 2;

        var error = Assert.Throws<NotSupportedException>(() => ReportJson.DeserializeEvaluation(node.ToJsonString()));
        Assert.Contains("format version 2", error.Message);
        Assert.Contains("reads version 1", error.Message);
        Assert.Contains("formatVersion", Assert.Throws<JsonException>(() => ReportJson.DeserializeEvaluation("{\"setup\": {}}")).Message);
    }

    [Fact]
    public void Missing_fields_nulls_and_numeric_enums_are_refused()
    {
        var missing = JsonNode.Parse(ReportJson.Serialize(SmallReport()))!;
        missing.AsObject().Remove("testTrueClasses");
        Assert.Throws<JsonException>(() => ReportJson.DeserializeEvaluation(missing.ToJsonString()));

        var nullSetup = JsonNode.Parse(ReportJson.Serialize(SmallReport()))!;
        nullSetup["setup"] = null;
        Assert.Throws<JsonException>(() => ReportJson.DeserializeEvaluation(nullSetup.ToJsonString()));

        var numericKind = JsonNode.Parse(ReportJson.Serialize(SmallReport()))!;
        numericKind["setup"]!["trainingSet"]!["kind"] = 1;
        Assert.Throws<JsonException>(() => ReportJson.DeserializeEvaluation(numericKind.ToJsonString()));
    }

    [Fact]
    public void Pipeline_round_trip_is_stable_with_camel_case_names()
    {
        var report = PipelineReportTests.SmallPipeline();
        var json = ReportJson.Serialize(report);

        var read = ReportJson.DeserializePipeline(json);

        Assert.Equal(json, ReportJson.Serialize(read));
        var root = JsonNode.Parse(json)!;
        Assert.Equal(["formatVersion", "pipelineId", "createdAt", "testSetId", "realBaselineEvaluationId", "rows", "reproduction"], PropertyNames(root));
        Assert.Equal(
            ["evaluationId", "trainingSetArtifactId", "kind", "pointsPerClass", "lossPreset", "generatorId", "uar", "uarInterval", "uarRatioToReal",
             "mcNemarVsReal", "meanTrainingWallTimeSeconds", "trainingTimeReductionPercent", "storageReductionPercent", "speakerProbe", "displayName"],
            PropertyNames(root["rows"]![0]));
        Assert.Equal("real", root["rows"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(report.Rows[1].McNemarVsReal, read.Rows[1].McNemarVsReal);
    }
}
