using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Services.Pipeline.Stages;
using MassTransit;

namespace DistillPlatform.Services.Pipeline;

/// <summary>
/// What the state machine does to a running pipeline: start the stages that became ready, and finish, fail or cancel
/// stages, publishing <see cref="PipelineStageChanged"/> for each. A stage only moves forward from Running, so an
/// answer that arrives twice (a redelivered event, a service answering a resent command from its cache) is ignored
/// and a finished stage is never started again.
/// </summary>
public sealed class PipelineConductor(ILogger<PipelineConductor> logger)
{
    /// <summary>Plans the stages of a new pipeline, or records why the request cannot run.</summary>
    public async Task StartAsync(BehaviorContext<PipelineState, RunDistillationPipeline> context)
    {
        PipelineState pipeline = context.Saga;
        RunDistillationPipeline request = context.Message;
        pipeline.Request = request;
        pipeline.StartedAt = pipeline.UpdatedAt = DateTimeOffset.UtcNow;
        pipeline.TraceParent = System.Diagnostics.Activity.Current?.Id;

        string? problems = PipelinePlanner.Validate(request);
        if (problems is not null)
        {
            logger.LogWarning("Pipeline {PipelineId} refused: {Problems}", pipeline.CorrelationId, problems);
            pipeline.FailedStage = StageNames.Validate;
            pipeline.FailureReason = problems;
            await context.Publish(new PipelineFailed(pipeline.CorrelationId, StageNames.Validate, problems));
            return;
        }

        pipeline.Stages = PipelinePlanner.Plan(request);
        logger.LogInformation("Pipeline {PipelineId} started with {Stages} stages", pipeline.CorrelationId, pipeline.Stages.Count);
        await StartReadyStagesAsync(context);
    }

    /// <summary>Marks the stage answering <paramref name="requestId"/> completed and starts what it unblocked.</summary>
    public Task CompleteAsync(BehaviorContext<PipelineState> context, Guid requestId, string artifactId, long? artifactBytes = null, string? detail = null) =>
        CompleteAsync(context, context.Saga.StageForRequest(requestId), artifactId, artifactBytes, detail);

    public async Task CompleteAsync(BehaviorContext<PipelineState> context, PipelineStage? stage, string artifactId, long? artifactBytes = null, string? detail = null)
    {
        if (!IsRunning(context.Saga, stage, "completion"))
            return;
        stage!.ArtifactId = artifactId;
        stage.ArtifactBytes = artifactBytes;
        await EndStageAsync(context, stage, PipelineStageState.Completed, detail);
        await StartReadyStagesAsync(context);
    }

    /// <summary>Fails the stage answering <paramref name="requestId"/>, and with it the pipeline.</summary>
    public Task FailAsync(BehaviorContext<PipelineState> context, Guid requestId, string reason) =>
        FailAsync(context, context.Saga.StageForRequest(requestId), reason);

    public async Task FailAsync(BehaviorContext<PipelineState> context, PipelineStage? stage, string reason)
    {
        PipelineState pipeline = context.Saga;
        if (!IsRunning(pipeline, stage, "failure"))
            return;
        logger.LogWarning("Pipeline {PipelineId} failed at stage {Stage}: {Reason}", pipeline.CorrelationId, stage!.Name, reason);
        await EndStageAsync(context, stage, PipelineStageState.Failed, reason);
        pipeline.FailedStage = stage.Name;
        pipeline.FailureReason = reason;
        // Nothing will use what the other running stages produce; stop the ones that can be stopped.
        await StopRunningStagesAsync(context, $"pipeline {pipeline.CorrelationId} failed at stage {stage.Name}");
        await context.Publish(new PipelineFailed(pipeline.CorrelationId, stage.Name, reason));
    }

    /// <summary>Stops the pipeline: no stage starts any more, running distillations are told to stop.</summary>
    public async Task CancelAsync(BehaviorContext<PipelineState, CancelPipeline> context)
    {
        PipelineState pipeline = context.Saga;
        string reason = context.Message.Reason ?? "cancelled by request";
        pipeline.CancelReason = reason;
        await StopRunningStagesAsync(context, reason);
        foreach (var pending in pipeline.Stages.Where(stage => stage.State == PipelineStageState.Pending))
            pending.State = PipelineStageState.Cancelled;
        pipeline.UpdatedAt = DateTimeOffset.UtcNow;
        logger.LogInformation("Pipeline {PipelineId} cancelled: {Reason}", pipeline.CorrelationId, reason);
        await context.Publish(new PipelineCancelled(pipeline.CorrelationId, reason));
    }

    /// <summary>Records the stored report and announces the finished pipeline.</summary>
    public async Task CompleteReportAsync(BehaviorContext<PipelineState, Messages.PipelineReportCompiled> context)
    {
        PipelineState pipeline = context.Saga;
        PipelineStage report = pipeline.Stage(StageNames.Report);
        if (!IsRunning(pipeline, report, "completion"))
            return;
        pipeline.ReportUri = context.Message.Report.Uri;
        await CompleteAsync(context, report, context.Message.Report.Uri);
        logger.LogInformation("Pipeline {PipelineId} completed; report at {Uri}", pipeline.CorrelationId, pipeline.ReportUri);
        await context.Publish(new PipelineCompleted(pipeline.CorrelationId, context.Message.Report, context.Message.Markdown));
    }

    public static bool IsFinished(PipelineState pipeline) =>
        pipeline.Stages.Count > 0 && pipeline.Stages.All(stage => stage.State == PipelineStageState.Completed);

    private async Task StartReadyStagesAsync(BehaviorContext<PipelineState> context)
    {
        PipelineState pipeline = context.Saga;
        foreach (PipelineStage stage in PipelinePlanner.ReadyStages(pipeline))
        {
            StageCommand command = StageCommands.For(pipeline, stage);
            stage.State = PipelineStageState.Running;
            stage.StartedAt = pipeline.UpdatedAt = DateTimeOffset.UtcNow;
            using (PipelineTracing.StartDispatch(pipeline, stage))
            {
                await context.Publish(new PipelineStageChanged(pipeline.CorrelationId, stage.Name, PipelineStageState.Running, null, null));
                var endpoint = await context.GetSendEndpoint(command.Destination);
                await endpoint.Send(command.Message, context.CancellationToken);
            }
            logger.LogInformation("Pipeline {PipelineId}: stage {Stage} started (request {RequestId})", pipeline.CorrelationId, stage.Name, stage.RequestId);
        }
    }

    private async Task StopRunningStagesAsync(BehaviorContext<PipelineState> context, string reason)
    {
        foreach (PipelineStage stage in context.Saga.Stages.Where(stage => stage.State == PipelineStageState.Running).ToList())
        {
            if (stage.Kind == PipelineStageKind.Distill)
                await context.Publish(new CancelDistillation(stage.RequestId, reason));
            await EndStageAsync(context, stage, PipelineStageState.Cancelled, reason);
        }
    }

    private static async Task EndStageAsync(BehaviorContext<PipelineState> context, PipelineStage stage, PipelineStageState state, string? detail)
    {
        PipelineState pipeline = context.Saga;
        stage.State = state;
        stage.Detail = detail;
        stage.EndedAt = pipeline.UpdatedAt = DateTimeOffset.UtcNow;
        PipelineTracing.RecordStage(pipeline, stage);
        await context.Publish(new PipelineStageChanged(pipeline.CorrelationId, stage.Name, state, stage.ArtifactId, detail));
    }

    private bool IsRunning(PipelineState pipeline, PipelineStage? stage, string what)
    {
        if (stage is { State: PipelineStageState.Running })
            return true;
        logger.LogInformation("Pipeline {PipelineId}: ignoring a {What} for stage {Stage} in state {State} (a repeated or late answer)",
            pipeline.CorrelationId, what, stage?.Name ?? "(unknown)", stage?.State.ToString() ?? "-");
        return false;
    }
}
