using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Services.Pipeline.Stages;
using MassTransit;

namespace DistillPlatform.Services.Pipeline;

/// <summary>
/// The saga instance of one pipeline (<see cref="CorrelationId"/> = PipelineId): the request, every stage with its
/// bookkeeping, and what the pipeline produced. Stored as JSON snapshots by <see cref="Persistence.PipelineSnapshotStore"/>,
/// so every property is a plain settable value.
/// </summary>
public sealed class PipelineState : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }

    /// <summary>The state machine's state name: "Running", "Completed", "Failed" or "Cancelled".</summary>
    public string CurrentState { get; set; } = "";

    /// <summary>Number of the stored snapshot this instance was loaded from (0 before the first save).</summary>
    public int Version { get; set; }

    /// <summary>The command that started the pipeline.</summary>
    public RunDistillationPipeline? Request { get; set; }

    /// <summary>
    /// W3C traceparent of the span that received <see cref="Request"/>; every stage span is its child, so one trace id
    /// spans the whole pipeline even when a stage starts after the pipeline host restarted.
    /// </summary>
    public string? TraceParent { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Every stage of the pipeline, in pipeline order (planned up front, so status shows what is still to come).</summary>
    public List<PipelineStage> Stages { get; set; } = [];

    /// <summary>Bytes of the corpus audio, when the pipeline host could read it; null otherwise.</summary>
    public long? SourceAudioBytes { get; set; }

    /// <summary>Bytes of the real feature set as stored.</summary>
    public long? RealFeatureSetBytes { get; set; }

    /// <summary>s3:// URI of report.json once the report stage finished.</summary>
    public string? ReportUri { get; set; }

    /// <summary>The stage that failed the pipeline ("validate" for a request refused before any stage ran), and why.</summary>
    public string? FailedStage { get; set; }

    public string? FailureReason { get; set; }

    public string? CancelReason { get; set; }

    public PipelineStage Stage(string name) =>
        Stages.Find(stage => stage.Name == name)
        ?? throw new InvalidOperationException($"Pipeline {CorrelationId} has no stage '{name}'.");

    public PipelineStage? StageForRequest(Guid requestId) => Stages.Find(stage => stage.RequestId == requestId);

    /// <summary>The artifact a completed stage produced, e.g. the feature set id of "extract-features".</summary>
    public string ArtifactOf(string stageName) =>
        Stage(stageName).ArtifactId
        ?? throw new InvalidOperationException($"Stage '{stageName}' of pipeline {CorrelationId} has not produced its artifact yet.");
}
