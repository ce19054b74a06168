using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Services.Pipeline.Messages;

namespace DistillPlatform.Services.Pipeline.Stages;

/// <summary>A command and the queue it goes to.</summary>
public sealed record StageCommand(Uri Destination, object Message);

/// <summary>Builds the command that starts a stage, from the request and what earlier stages produced.</summary>
public static class StageCommands
{
    public static StageCommand For(PipelineState pipeline, PipelineStage stage)
    {
        RunDistillationPipeline request = pipeline.Request
            ?? throw new InvalidOperationException($"Pipeline {pipeline.CorrelationId} has no request to build commands from.");
        Guid pipelineId = pipeline.CorrelationId;
        return stage.Kind switch
        {
            PipelineStageKind.ExtractFeatures => new StageCommand(FeatureExtractionQueue.Address,
                new ExtractFeatures(stage.RequestId, request.Corpus, request.Labels, request.Split, request.Encoder, request.Preprocessing)),
            PipelineStageKind.TrainPool => new StageCommand(CheckpointPoolQueue.Address,
                new TrainCheckpointPool(stage.RequestId, FeatureSet(pipeline), request.Pool.Runs, request.Pool.Keep, request.Pool.Head,
                    request.Pool.Training, BaseSeed: request.Seed)),
            PipelineStageKind.MeasureStorage => new StageCommand(PipelineEndpoints.MeasureStorageAddress,
                new MeasurePipelineStorage(pipelineId, FeatureSet(pipeline), request.Corpus)),
            PipelineStageKind.EvaluateReal => new StageCommand(EvaluationQueue.Address, Evaluation(pipeline, stage,
                EvaluationIds.Real(pipelineId), FeatureSet(pipeline), referenceEvaluationId: null, generator: null,
                Storage(pipeline, FeatureSetBytes(pipeline), generatorBytes: null))),
            PipelineStageKind.Distill => new StageCommand(DistillationQueue.Address, Distillation(pipeline, stage)),
            PipelineStageKind.Sample => new StageCommand(SamplingQueue.Address,
                new SampleSyntheticSet(stage.RequestId, pipeline.ArtifactOf(StageNames.Distill(stage.LossPreset!)), stage.PointsPerClass!.Value,
                    request.Distribution, ClassCounts: null, request.Seed)),
            PipelineStageKind.EvaluateSynthetic => new StageCommand(EvaluationQueue.Address, SyntheticEvaluation(pipeline, stage)),
            PipelineStageKind.Report => new StageCommand(PipelineEndpoints.CompileReportAddress, Report(pipeline)),
            _ => throw new ArgumentOutOfRangeException(nameof(stage), stage.Kind, $"Stage '{stage.Name}' has an unknown kind."),
        };
    }

    private static string FeatureSet(PipelineState pipeline) => pipeline.ArtifactOf(StageNames.ExtractFeatures);

    private static long FeatureSetBytes(PipelineState pipeline) =>
        pipeline.RealFeatureSetBytes
        ?? throw new InvalidOperationException($"Pipeline {pipeline.CorrelationId} has not measured its feature set yet.");

    private static DistillGenerator Distillation(PipelineState pipeline, PipelineStage stage)
    {
        RunDistillationPipeline request = pipeline.Request!;
        PipelineDistillationSpec spec = request.Distillation;
        string preset = stage.LossPreset!;
        return new DistillGenerator(stage.RequestId, FeatureSet(pipeline),
            PipelinePlanner.NeedsPool(preset) ? pipeline.ArtifactOf(StageNames.TrainPool) : null,
            spec.Architecture, spec.ModelPreset, preset, spec.Steps, request.Seed, spec.BatchSize, spec.CheckpointEvery, spec.HyperParameters);
    }

    private static EvaluateTrainingSet SyntheticEvaluation(PipelineState pipeline, PipelineStage stage)
    {
        string preset = stage.LossPreset!;
        int budget = stage.PointsPerClass!.Value;
        PipelineStage distill = pipeline.Stage(StageNames.Distill(preset));
        PipelineStage sample = pipeline.Stage(StageNames.Sample(preset, budget));
        string generatorId = pipeline.ArtifactOf(distill.Name);
        return Evaluation(pipeline, stage, EvaluationIds.Synthetic(pipeline.CorrelationId, preset, budget), pipeline.ArtifactOf(sample.Name),
            referenceEvaluationId: pipeline.ArtifactOf(StageNames.EvaluateReal),
            new SyntheticTrainingSetSpec(generatorId, preset, budget),
            Storage(pipeline, sample.ArtifactBytes, distill.ArtifactBytes));
    }

    private static EvaluateTrainingSet Evaluation(PipelineState pipeline, PipelineStage stage, string evaluationId, string trainingSetId,
        string? referenceEvaluationId, SyntheticTrainingSetSpec? generator, StorageInfo? storage)
    {
        RunDistillationPipeline request = pipeline.Request!;
        PipelineEvaluationSpec spec = request.Evaluation;
        return new EvaluateTrainingSet(stage.RequestId, evaluationId, trainingSetId, FeatureSet(pipeline), spec.Head, spec.Trainer,
            spec.Repeats, request.Seed, referenceEvaluationId, generator, storage, spec.ProbeSpeakers);
    }

    /// <summary>The storage footprint, when every byte count it needs is known and positive (the evaluation service requires that).</summary>
    private static StorageInfo? Storage(PipelineState pipeline, long? trainingSetBytes, long? generatorBytes)
    {
        if (pipeline.SourceAudioBytes is not > 0 || pipeline.RealFeatureSetBytes is not > 0 || trainingSetBytes is not > 0)
            return null;
        return new StorageInfo(pipeline.SourceAudioBytes.Value, pipeline.RealFeatureSetBytes.Value, trainingSetBytes.Value,
            generatorBytes is > 0 ? generatorBytes : null);
    }

    private static CompilePipelineReport Report(PipelineState pipeline)
    {
        var syntheticEvaluations = pipeline.Stages.Where(s => s.Kind == PipelineStageKind.EvaluateSynthetic).Select(s => pipeline.ArtifactOf(s.Name)).ToList();
        var reproduction = new Dictionary<string, string>
        {
            ["pipeline.seed"] = pipeline.Request!.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["pipeline.request"] = System.Text.Json.JsonSerializer.Serialize(pipeline.Request, PipelineJson.Options),
        };
        foreach (var stage in pipeline.Stages.Where(s => s.Kind is not (PipelineStageKind.MeasureStorage or PipelineStageKind.Report)))
            reproduction[$"artifact {stage.Name}"] = pipeline.ArtifactOf(stage.Name);
        return new CompilePipelineReport(pipeline.CorrelationId, pipeline.ArtifactOf(StageNames.EvaluateReal), syntheticEvaluations, reproduction);
    }
}
