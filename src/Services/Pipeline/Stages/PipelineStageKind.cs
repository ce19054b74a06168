namespace DistillPlatform.Services.Pipeline.Stages;

/// <summary>What a stage does; decides which command it sends and which events end it.</summary>
public enum PipelineStageKind
{
    ExtractFeatures,
    TrainPool,
    MeasureStorage,
    EvaluateReal,
    Distill,
    Sample,
    EvaluateSynthetic,
    Report,
}
