using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Services.Pipeline.Messages;
using DistillPlatform.Services.Pipeline.Stages;
using MassTransit;

namespace DistillPlatform.Services.Pipeline;

/// <summary>
/// The pipeline saga: one instance per PipelineId, fanning stages out as their inputs become available and in again
/// where a stage needs several (see <see cref="PipelinePlanner"/>). Its states are the pipeline's overall state; the
/// per-stage bookkeeping lives in <see cref="PipelineState.Stages"/>.
/// <para>
/// Service events carry the RequestId of the command they answer, not the pipeline id, so they are correlated by
/// query: the instance whose stages include that RequestId. Events of requests the pipeline did not send (another
/// client's) find no instance and are discarded.
/// </para>
/// </summary>
public sealed class PipelineStateMachine : MassTransitStateMachine<PipelineState>
{
    public PipelineStateMachine(PipelineConductor conductor, ILogger<PipelineStateMachine> logger)
    {
        InstanceState(pipeline => pipeline.CurrentState);

        Event(() => RunRequested, e => e.CorrelateById(context => context.Message.PipelineId));
        Event(() => CancelRequested, e =>
        {
            e.CorrelateById(context => context.Message.PipelineId);
            e.OnMissingInstance(missing => missing.Discard());
        });
        Event(() => StatusRequested, e =>
        {
            e.CorrelateById(context => context.Message.PipelineId);
            e.OnMissingInstance(missing => missing.ExecuteAsync(context => context.RespondAsync(new PipelineNotFound(context.Message.PipelineId))));
            e.ReadOnly = true;
        });

        Event(() => FeaturesExtracted, e => ByRequest(e, message => message.RequestId));
        Event(() => FeatureExtractionFailed, e => ByRequest(e, message => message.RequestId));
        Event(() => FeatureExtractionFaulted, e => ByRequest(e, fault => fault.Message.RequestId));
        Event(() => PoolTrained, e => ByRequest(e, message => message.RequestId));
        Event(() => PoolFailed, e => ByRequest(e, message => message.RequestId));
        Event(() => PoolFaulted, e => ByRequest(e, fault => fault.Message.RequestId));
        Event(() => GeneratorDistilled, e => ByRequest(e, message => message.RequestId));
        Event(() => DistillationFailed, e => ByRequest(e, message => message.RequestId));
        Event(() => DistillationCancelled, e => ByRequest(e, message => message.RequestId));
        Event(() => DistillationFaulted, e => ByRequest(e, fault => fault.Message.RequestId));
        Event(() => SetSampled, e => ByRequest(e, message => message.RequestId));
        Event(() => SamplingFailed, e => ByRequest(e, message => message.RequestId));
        Event(() => SamplingFaulted, e => ByRequest(e, fault => fault.Message.RequestId));
        Event(() => EvaluationCompleted, e => ByRequest(e, message => message.RequestId));
        Event(() => EvaluationFailed, e => ByRequest(e, message => message.RequestId));
        Event(() => EvaluationFaulted, e => ByRequest(e, fault => fault.Message.RequestId));
        Event(() => StorageMeasured, e => ByPipeline(e, message => message.PipelineId));
        Event(() => StorageFaulted, e => ByPipeline(e, fault => fault.Message.PipelineId));
        Event(() => ReportCompiled, e => ByPipeline(e, message => message.PipelineId));
        Event(() => ReportFaulted, e => ByPipeline(e, fault => fault.Message.PipelineId));

        Initially(
            When(RunRequested)
                .ThenAsync(conductor.StartAsync)
                .IfElse(context => context.Saga.FailedStage is not null,
                    failed => failed.TransitionTo(Failed),
                    started => started.TransitionTo(Running)));

        During(Running,
            When(FeaturesExtracted).ThenAsync(c => conductor.CompleteAsync(c, c.Message.RequestId, c.Message.FeatureSetId,
                detail: c.Message.FromCache ? "from cache" : null)),
            When(PoolTrained).ThenAsync(c => conductor.CompleteAsync(c, c.Message.RequestId, c.Message.PoolId,
                detail: $"{c.Message.CheckpointCount} checkpoints{(c.Message.FromCache ? ", from cache" : "")}")),
            When(StorageMeasured).ThenAsync(c =>
            {
                c.Saga.SourceAudioBytes = c.Message.SourceAudioBytes;
                c.Saga.RealFeatureSetBytes = c.Message.RealFeatureSetBytes;
                return conductor.CompleteAsync(c, c.Saga.Stage(StageNames.MeasureStorage), c.Message.RealFeatureSetBytes.ToString(),
                    detail: $"source audio {c.Message.SourceAudioBytes?.ToString() ?? "not readable"} bytes, real features {c.Message.RealFeatureSetBytes} bytes");
            }),
            When(GeneratorDistilled).ThenAsync(c => conductor.CompleteAsync(c, c.Message.RequestId, c.Message.GeneratorId, c.Message.GeneratorBytes,
                $"{c.Message.Steps} steps{(c.Message.FromCache ? ", from cache" : "")}")),
            When(SetSampled).ThenAsync(c => conductor.CompleteAsync(c, c.Message.RequestId, c.Message.SyntheticSetId, c.Message.SizeBytes,
                c.Message.FromCache ? "from cache" : null)),
            When(EvaluationCompleted).ThenAsync(c => conductor.CompleteAsync(c, c.Message.RequestId, c.Message.EvaluationId,
                detail: $"UAR {c.Message.UarMean:F4} ± {c.Message.UarStd:F4}")),
            When(ReportCompiled)
                .ThenAsync(conductor.CompleteReportAsync)
                .If(context => PipelineConductor.IsFinished(context.Saga), finished => finished.TransitionTo(Completed)),

            When(FeatureExtractionFailed).ThenAsync(c => conductor.FailAsync(c, c.Message.RequestId, c.Message.Reason)).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(FeatureExtractionFaulted).ThenAsync(c => conductor.FailAsync(c, c.Message.Message.RequestId, FaultReason(c.Message))).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(PoolFailed).ThenAsync(c => conductor.FailAsync(c, c.Message.RequestId, c.Message.Reason)).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(PoolFaulted).ThenAsync(c => conductor.FailAsync(c, c.Message.Message.RequestId, FaultReason(c.Message))).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(DistillationFailed).ThenAsync(c => conductor.FailAsync(c, c.Message.RequestId, c.Message.Reason)).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(DistillationCancelled).ThenAsync(c => conductor.FailAsync(c, c.Message.RequestId,
                $"the distillation was cancelled at step {c.Message.Step} by someone other than this pipeline")).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(DistillationFaulted).ThenAsync(c => conductor.FailAsync(c, c.Message.Message.RequestId, FaultReason(c.Message))).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(SamplingFailed).ThenAsync(c => conductor.FailAsync(c, c.Message.RequestId, c.Message.Reason)).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(SamplingFaulted).ThenAsync(c => conductor.FailAsync(c, c.Message.Message.RequestId, FaultReason(c.Message))).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(EvaluationFailed).ThenAsync(c => conductor.FailAsync(c, c.Message.RequestId, c.Message.Reason)).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(EvaluationFaulted).ThenAsync(c => conductor.FailAsync(c, c.Message.Message.RequestId, FaultReason(c.Message))).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(StorageFaulted).ThenAsync(c => conductor.FailAsync(c, c.Saga.Stage(StageNames.MeasureStorage), FaultReason(c.Message))).If(HasFailed, failed => failed.TransitionTo(Failed)),
            When(ReportFaulted).ThenAsync(c => conductor.FailAsync(c, c.Saga.Stage(StageNames.Report), FaultReason(c.Message))).If(HasFailed, failed => failed.TransitionTo(Failed)),

            When(CancelRequested).ThenAsync(conductor.CancelAsync).TransitionTo(Cancelled));

        DuringAny(
            When(StatusRequested).ThenAsync(context => context.RespondAsync(PipelineStatusMapper.ToStatus(context.Saga))),
            // The same PipelineId again does not start a second run.
            Ignore(RunRequested));

        // After the end, stage answers still arrive (a stage that was running when the pipeline failed or was
        // cancelled, a redelivered event): there is nothing left to do with them.
        OnUnhandledEvent(context =>
        {
            logger.LogInformation("Pipeline {PipelineId} ({State}) ignores {Event}", context.Saga.CorrelationId, context.Saga.CurrentState, context.Event.Name);
            return context.Ignore();
        });

        return;

        // A repeated or late failure event records nothing and leaves the pipeline running.
        static bool HasFailed(BehaviorContext<PipelineState> context) => context.Saga.FailedStage is not null;
    }

    public State Running { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Cancelled { get; private set; } = null!;

    public Event<RunDistillationPipeline> RunRequested { get; private set; } = null!;
    public Event<CancelPipeline> CancelRequested { get; private set; } = null!;
    public Event<GetPipelineStatus> StatusRequested { get; private set; } = null!;

    public Event<FeaturesExtracted> FeaturesExtracted { get; private set; } = null!;
    public Event<FeatureExtractionFailed> FeatureExtractionFailed { get; private set; } = null!;
    public Event<Fault<ExtractFeatures>> FeatureExtractionFaulted { get; private set; } = null!;
    public Event<CheckpointPoolTrained> PoolTrained { get; private set; } = null!;
    public Event<CheckpointPoolFailed> PoolFailed { get; private set; } = null!;
    public Event<Fault<TrainCheckpointPool>> PoolFaulted { get; private set; } = null!;
    public Event<GeneratorDistilled> GeneratorDistilled { get; private set; } = null!;
    public Event<DistillationFailed> DistillationFailed { get; private set; } = null!;
    public Event<DistillationCancelled> DistillationCancelled { get; private set; } = null!;
    public Event<Fault<DistillGenerator>> DistillationFaulted { get; private set; } = null!;
    public Event<SyntheticSetSampled> SetSampled { get; private set; } = null!;
    public Event<SamplingFailed> SamplingFailed { get; private set; } = null!;
    public Event<Fault<SampleSyntheticSet>> SamplingFaulted { get; private set; } = null!;
    public Event<EvaluationCompleted> EvaluationCompleted { get; private set; } = null!;
    public Event<EvaluationFailed> EvaluationFailed { get; private set; } = null!;
    public Event<Fault<EvaluateTrainingSet>> EvaluationFaulted { get; private set; } = null!;
    public Event<PipelineStorageMeasured> StorageMeasured { get; private set; } = null!;
    public Event<Fault<MeasurePipelineStorage>> StorageFaulted { get; private set; } = null!;
    public Event<PipelineReportCompiled> ReportCompiled { get; private set; } = null!;
    public Event<Fault<CompilePipelineReport>> ReportFaulted { get; private set; } = null!;

    /// <summary>Correlates a service event with the pipeline that sent the command with its RequestId.</summary>
    private static void ByRequest<T>(IEventCorrelationConfigurator<PipelineState, T> correlation, Func<T, Guid> requestIdOf) where T : class
    {
        correlation.CorrelateBy((pipeline, context) => pipeline.Stages.Any(stage => stage.RequestId == requestIdOf(context.Message)));
        correlation.OnMissingInstance(missing => missing.Discard());
    }

    /// <summary>Correlates a message of the pipeline service's own consumers, which carry the pipeline id.</summary>
    private static void ByPipeline<T>(IEventCorrelationConfigurator<PipelineState, T> correlation, Func<T, Guid> pipelineIdOf) where T : class
    {
        correlation.CorrelateById(context => pipelineIdOf(context.Message));
        correlation.OnMissingInstance(missing => missing.Discard());
    }

    private static string FaultReason<T>(Fault<T> fault) =>
        fault.Exceptions.FirstOrDefault() is { } exception ? $"{exception.ExceptionType}: {exception.Message}" : "the command faulted without an exception";
}
