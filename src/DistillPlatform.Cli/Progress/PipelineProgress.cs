using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;

namespace DistillPlatform.Cli.Progress;

/// <summary>
/// The state behind the live view of one pipeline, fed with the platform's events in arrival order.
/// Stage rows come from <see cref="PipelineStageChanged"/> (and a <see cref="PipelineStatus"/> snapshot); the services'
/// own progress events carry no pipeline id, so each is shown on the running stage of its kind: the stage whose
/// artifact id matches the event's (feature set, pool, generator), or else the only running stage of that kind
/// ("extract-features", "train-pool", "distill/..."). Events of other pipelines are ignored.
/// </summary>
public sealed class PipelineProgress
{
    public const string ExtractStage = "extract-features";
    public const string PoolStage = "train-pool";
    public const string DistillStagePrefix = "distill/";

    private readonly List<StageProgress> _stages = [];
    private readonly TimeProvider _clock;
    private readonly RunDistillationPipeline? _command;

    /// <param name="command">The command that started the pipeline, when known: it gives the pool's total epochs.</param>
    public PipelineProgress(Guid pipelineId, RunDistillationPipeline? command = null, TimeProvider? clock = null)
    {
        PipelineId = pipelineId;
        _command = command;
        _clock = clock ?? TimeProvider.System;
        StartedAt = _clock.GetUtcNow();
    }

    public Guid PipelineId { get; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Stages in the order they were first reported.</summary>
    public IReadOnlyList<StageProgress> Stages => _stages;

    /// <summary>Null while the pipeline runs (or nothing has been heard of it yet).</summary>
    public PipelineOutcome? Outcome { get; private set; }

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Applies one event; returns whether the view changed.</summary>
    public bool Apply(object message) => message switch
    {
        PipelineStageChanged changed when changed.PipelineId == PipelineId => ApplyStage(changed),
        PipelineCompleted completed when completed.PipelineId == PipelineId => End(new PipelineOutcome.Completed(completed.Report.Uri)),
        PipelineFailed failed when failed.PipelineId == PipelineId => End(new PipelineOutcome.Failed(failed.Stage, failed.Reason)),
        PipelineCancelled cancelled when cancelled.PipelineId == PipelineId => End(new PipelineOutcome.Cancelled(cancelled.Reason)),
        FeatureExtractionProgress extraction => ApplyExtraction(extraction),
        CheckpointPoolProgress pool => ApplyPool(pool),
        DistillationProgress distillation => ApplyDistillation(distillation),
        _ => false,
    };

    /// <summary>
    /// Takes in a status snapshot (e.g. when watching a pipeline that was already running): stages already known from
    /// events keep their newer state; the others are added in the snapshot's order.
    /// </summary>
    public void ApplyStatus(PipelineStatus status)
    {
        if (status.PipelineId != PipelineId) return;
        StartedAt = status.StartedAt;
        foreach (var stage in status.Stages.Where(s => Find(s.Stage) is null))
        {
            _stages.Add(new StageProgress(stage.Stage, stage.State, stage.ArtifactId, stage.Detail, Finished(stage.State) ? 1 : null,
                null, null, null, null));
        }

        if (Outcome is null && status.State == "completed") Outcome = new PipelineOutcome.Completed(status.ReportUri);
        if (Outcome is null && status.State == "cancelled") Outcome = new PipelineOutcome.Cancelled(null);
        if (Outcome is null && status.State == "failed")
        {
            var failed = status.Stages.FirstOrDefault(s => s.State == PipelineStageState.Failed);
            Outcome = new PipelineOutcome.Failed(failed?.Stage ?? "unknown", failed?.Detail ?? "the pipeline failed");
        }
    }

    private bool ApplyStage(PipelineStageChanged changed)
    {
        var now = _clock.GetUtcNow();
        var existing = Find(changed.Stage);
        var updated = (existing ?? new StageProgress(changed.Stage, changed.State, null, null, null, null, null, null, null)) with
        {
            State = changed.State,
            ArtifactId = changed.ArtifactId ?? existing?.ArtifactId,
            Detail = changed.Detail ?? existing?.Detail,
        };
        if (changed.State == PipelineStageState.Running) updated = updated with { StartedAt = existing?.StartedAt ?? now, EndedAt = null };
        if (Finished(changed.State))
        {
            updated = updated with
            {
                EndedAt = now,
                EstimatedRemaining = null,
                Fraction = changed.State == PipelineStageState.Completed ? 1 : updated.Fraction,
            };
        }

        Replace(existing, updated);
        return true;
    }

    private bool ApplyExtraction(FeatureExtractionProgress progress)
    {
        var stage = RunningStage(progress.FeatureSetId, s => s == ExtractStage);
        if (stage is null) return false;
        var fraction = progress.UtterancesTotal > 0 ? (double)progress.UtterancesDone / progress.UtterancesTotal : 0;
        Replace(stage, stage with
        {
            Fraction = fraction,
            ProgressText = $"{progress.UtterancesDone}/{progress.UtterancesTotal} utterances, {progress.AudioSecondsPerSecond:0.#}× real time",
        });
        return true;
    }

    private bool ApplyPool(CheckpointPoolProgress progress)
    {
        var stage = RunningStage(progress.PoolId, s => s == PoolStage);
        if (stage is null) return false;
        var devUar = progress.DevUar is { } uar ? $", dev UAR {uar:0.000}" : "";
        double? fraction = null;
        var text = $"run {progress.Run + 1}, epoch {progress.Epoch}{devUar}";
        if (_command?.Pool is { } pool && pool.Runs > 0 && pool.Training.MaxEpochs > 0)
        {
            fraction = Math.Clamp((double)(progress.Run * pool.Training.MaxEpochs + progress.Epoch) / (pool.Runs * pool.Training.MaxEpochs), 0, 1);
            text = $"run {progress.Run + 1}/{pool.Runs}, epoch {progress.Epoch}/{pool.Training.MaxEpochs}{devUar}";
        }

        Replace(stage, stage with { Fraction = fraction ?? stage.Fraction, ProgressText = text });
        return true;
    }

    private bool ApplyDistillation(DistillationProgress progress)
    {
        var stage = RunningStage(progress.GeneratorId, s => s.StartsWith(DistillStagePrefix, StringComparison.Ordinal));
        if (stage is null) return false;
        Replace(stage, stage with
        {
            Fraction = progress.TotalSteps > 0 ? Math.Clamp((double)progress.Step / progress.TotalSteps, 0, 1) : null,
            ProgressText = $"step {progress.Step}/{progress.TotalSteps}, {progress.StepsPerSecond:0.00} steps/s",
            EstimatedRemaining = progress.EstimatedRemaining,
        });
        return true;
    }

    /// <summary>The running stage with this artifact id, else the only running stage of the kind; null when ambiguous or none.</summary>
    private StageProgress? RunningStage(string artifactId, Func<string, bool> isOfKind)
    {
        var running = _stages.Where(s => s.State == PipelineStageState.Running && isOfKind(s.Stage)).ToList();
        return running.FirstOrDefault(s => s.ArtifactId == artifactId)
               ?? (running.Count == 1 && running[0].ArtifactId is null ? running[0] : null);
    }

    private bool End(PipelineOutcome outcome)
    {
        Outcome = outcome;
        return true;
    }

    private StageProgress? Find(string stage) => _stages.FirstOrDefault(s => s.Stage == stage);

    private void Replace(StageProgress? existing, StageProgress updated)
    {
        var index = existing is null ? -1 : _stages.IndexOf(existing);
        if (index < 0) _stages.Add(updated);
        else _stages[index] = updated;
    }

    private static bool Finished(PipelineStageState state) =>
        state is PipelineStageState.Completed or PipelineStageState.Failed or PipelineStageState.Cancelled;
}
