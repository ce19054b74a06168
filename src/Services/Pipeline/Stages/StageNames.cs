namespace DistillPlatform.Services.Pipeline.Stages;

/// <summary>The stage names published in <c>PipelineStageChanged</c> and <c>PipelineStatus</c>.</summary>
public static class StageNames
{
    public const string ExtractFeatures = "extract-features";
    public const string TrainPool = "train-pool";
    public const string MeasureStorage = "measure-storage";
    public const string EvaluateReal = "evaluate-real";
    public const string Report = "report";

    /// <summary>Names a request refused before any stage ran, in <c>PipelineFailed.Stage</c>.</summary>
    public const string Validate = "validate";

    public static string Distill(string lossPreset) => $"distill/{lossPreset}";

    public static string Sample(string lossPreset, int pointsPerClass) => $"sample/{lossPreset}/{pointsPerClass}";

    public static string Evaluate(string lossPreset, int pointsPerClass) => $"evaluate/{lossPreset}/{pointsPerClass}";
}
