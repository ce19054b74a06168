using System.Diagnostics;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.ServiceDefaults;
using DistillPlatform.Services.Pipeline.Stages;

namespace DistillPlatform.Services.Pipeline;

/// <summary>
/// Keeps a pipeline in one trace: every stage's spans are children of the span that received the
/// RunDistillationPipeline (stored as <see cref="PipelineState.TraceParent"/>), whichever message or host process
/// happens to start the stage, and the stage's command is sent inside such a span, so the services' spans join it too.
/// </summary>
public static class PipelineTracing
{
    /// <summary>
    /// A span around sending a stage's command ("pipeline stage &lt;name&gt; start"): the command's send span, and
    /// through the trace headers all the service's work on it, are its children. Dispose it once the command is sent.
    /// </summary>
    public static Activity? StartDispatch(PipelineState pipeline, PipelineStage stage)
    {
        var activity = PlatformTelemetry.ActivitySource.StartActivity($"pipeline stage {stage.Name} start", ActivityKind.Producer, ParentOf(pipeline));
        Tag(activity, pipeline, stage);
        return activity;
    }

    /// <summary>
    /// Records the whole stage, from its start to now, as the span "pipeline stage &lt;name&gt;" (created when the
    /// stage ends, because a span cannot stay open across messages and host restarts).
    /// </summary>
    public static void RecordStage(PipelineState pipeline, PipelineStage stage)
    {
        using var activity = PlatformTelemetry.ActivitySource.StartActivity($"pipeline stage {stage.Name}", ActivityKind.Internal, ParentOf(pipeline),
            startTime: stage.StartedAt ?? DateTimeOffset.UtcNow);
        Tag(activity, pipeline, stage);
        if (activity is not null && stage.State == PipelineStageState.Failed)
            activity.SetStatus(ActivityStatusCode.Error, stage.Detail);
    }

    private static ActivityContext ParentOf(PipelineState pipeline) =>
        pipeline.TraceParent is not null && ActivityContext.TryParse(pipeline.TraceParent, traceState: null, out var parent)
            ? parent
            : Activity.Current?.Context ?? default;

    private static void Tag(Activity? activity, PipelineState pipeline, PipelineStage stage)
    {
        activity?.SetTag("pipeline.id", pipeline.CorrelationId.ToString())
            .SetTag("pipeline.stage", stage.Name)
            .SetTag("pipeline.stage.state", stage.State.ToString())
            .SetTag("pipeline.stage.request_id", stage.RequestId.ToString())
            .SetTag("pipeline.stage.artifact_id", stage.ArtifactId);
    }
}
