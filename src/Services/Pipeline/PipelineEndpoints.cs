using DistillPlatform.Contracts.Pipeline;

namespace DistillPlatform.Services.Pipeline;

/// <summary>The queues of the pipeline service.</summary>
public static class PipelineEndpoints
{
    /// <summary>The saga's queue: RunDistillationPipeline, CancelPipeline, GetPipelineStatus and every stage's events.</summary>
    public const string Saga = PipelineQueue.Name;

    public const string MeasureStorage = "pipeline-measure-storage";

    public const string CompileReport = "pipeline-compile-report";

    public static Uri MeasureStorageAddress { get; } = new($"queue:{MeasureStorage}");

    public static Uri CompileReportAddress { get; } = new($"queue:{CompileReport}");
}
