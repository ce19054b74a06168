using DistillPlatform.Services.Pipeline.Stages;

namespace DistillPlatform.Pipeline.Tests;

public sealed class StagePlanTests
{
    [Fact]
    public void Request_ids_are_stable_per_stage_and_distinct_between_stages_and_pipelines()
    {
        var pipeline = Guid.NewGuid();

        Assert.Equal(StageRequestIds.For(pipeline, "distill/+div"), StageRequestIds.For(pipeline, "distill/+div"));
        Assert.NotEqual(StageRequestIds.For(pipeline, "distill/+div"), StageRequestIds.For(pipeline, "distill/+sml"));
        Assert.NotEqual(StageRequestIds.For(pipeline, "distill/+div"), StageRequestIds.For(Guid.NewGuid(), "distill/+div"));
        Assert.Equal(8, StageRequestIds.For(pipeline, "report").Version);
    }

    [Fact]
    public void Without_a_softmax_matching_preset_there_is_no_pool_stage()
    {
        var stages = PipelinePlanner.Plan(PipelineHost.Request(Guid.NewGuid(), ["baseline", "+div"], [10], "/corpus"));

        Assert.DoesNotContain(stages, stage => stage.Kind == PipelineStageKind.TrainPool);
        Assert.Equal([StageNames.ExtractFeatures], stages.Single(s => s.Name == "distill/+div").DependsOn);
    }

    [Fact]
    public void A_synthetic_evaluation_waits_for_its_set_the_real_baseline_and_the_storage_measurement()
    {
        var stages = PipelinePlanner.Plan(PipelineHost.Request(Guid.NewGuid(), ["+div+sml"], [10, 100], "/corpus"));

        Assert.Equal([StageNames.ExtractFeatures, StageNames.TrainPool], stages.Single(s => s.Name == "distill/+div+sml").DependsOn);
        Assert.Equal(["sample/+div+sml/100", StageNames.EvaluateReal, StageNames.MeasureStorage],
            stages.Single(s => s.Name == "evaluate/+div+sml/100").DependsOn);
        Assert.Equal([StageNames.EvaluateReal, "evaluate/+div+sml/10", "evaluate/+div+sml/100"], stages.Single(s => s.Name == StageNames.Report).DependsOn);
    }

    [Fact]
    public void Evaluation_ids_are_plain_key_segments()
    {
        var pipeline = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Equal("pipeline-0f8fad5bd9cb469fa16570867728950e-div-sml-100", EvaluationIds.Synthetic(pipeline, "+div+sml", 100));
        Assert.Equal("pipeline-0f8fad5bd9cb469fa16570867728950e-real", EvaluationIds.Real(pipeline));
    }
}
