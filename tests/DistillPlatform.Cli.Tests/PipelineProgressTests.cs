using DistillPlatform.Cli.Configuration;
using DistillPlatform.Cli.Progress;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Pool;

namespace DistillPlatform.Cli.Tests;

/// <summary>The live view's model: stage rows from pipeline events, progress from the services' events.</summary>
public sealed class PipelineProgressTests
{
    private static readonly Guid Id = Guid.NewGuid();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    private PipelineProgress NewProgress(RunDistillationPipeline? command = null) => new(Id, command, _clock);

    private static PipelineStageChanged Stage(string stage, PipelineStageState state, string? artifactId = null) =>
        new(Id, stage, state, artifactId, null);

    [Fact]
    public void A_stage_goes_from_running_to_completed_with_its_duration()
    {
        var progress = NewProgress();

        progress.Apply(Stage("extract-features", PipelineStageState.Running));
        _clock.Advance(TimeSpan.FromSeconds(42));
        progress.Apply(Stage("extract-features", PipelineStageState.Completed, "fs-1"));

        var stage = Assert.Single(progress.Stages);
        Assert.Equal(PipelineStageState.Completed, stage.State);
        Assert.Equal("fs-1", stage.ArtifactId);
        Assert.Equal(1.0, stage.Fraction);
        Assert.Equal(TimeSpan.FromSeconds(42), stage.Elapsed(_clock.GetUtcNow() + TimeSpan.FromHours(1)));
        Assert.Null(progress.Outcome);
    }

    [Fact]
    public void Stages_keep_the_order_they_were_first_reported_in()
    {
        var progress = NewProgress();

        progress.Apply(Stage("extract-features", PipelineStageState.Running));
        progress.Apply(Stage("train-pool", PipelineStageState.Running));
        progress.Apply(Stage("evaluate-real", PipelineStageState.Running));
        progress.Apply(Stage("extract-features", PipelineStageState.Completed));

        Assert.Equal(["extract-features", "train-pool", "evaluate-real"], progress.Stages.Select(s => s.Stage));
    }

    [Fact]
    public void Another_pipeline_s_events_are_ignored()
    {
        var progress = NewProgress();

        Assert.False(progress.Apply(new PipelineStageChanged(Guid.NewGuid(), "extract-features", PipelineStageState.Running, null, null)));
        Assert.False(progress.Apply(new PipelineFailed(Guid.NewGuid(), "train-pool", "boom")));

        Assert.Empty(progress.Stages);
        Assert.Null(progress.Outcome);
    }

    [Fact]
    public void Extraction_progress_fills_the_running_extraction_stage()
    {
        var progress = NewProgress();
        progress.Apply(Stage("extract-features", PipelineStageState.Running));

        Assert.True(progress.Apply(new FeatureExtractionProgress(Guid.NewGuid(), "fs-1", 150, 600, 37.5)));

        var stage = progress.Stages.Single();
        Assert.Equal(0.25, stage.Fraction);
        Assert.Equal("150/600 utterances, 37.5× real time", stage.ProgressText);
    }

    [Fact]
    public void Progress_without_a_running_stage_of_its_kind_changes_nothing()
    {
        var progress = NewProgress();
        progress.Apply(Stage("train-pool", PipelineStageState.Running));

        Assert.False(progress.Apply(new FeatureExtractionProgress(Guid.NewGuid(), "fs-1", 1, 2, 1)));
        Assert.Null(progress.Stages.Single().Fraction);
    }

    [Fact]
    public void Pool_progress_counts_epochs_over_every_run_of_the_command()
    {
        var defaults = PipelineDefaults.Create(CorpusLocation.Local("/corpus"));
        var command = defaults with { Pool = defaults.Pool with { Runs = 2, Training = defaults.Pool.Training with { MaxEpochs = 8 } } };
        var progress = NewProgress(command);
        progress.Apply(Stage("train-pool", PipelineStageState.Running));

        progress.Apply(new CheckpointPoolProgress(Guid.NewGuid(), "pool-1", Run: 1, Epoch: 2, DevUar: 0.5, TrainLoss: 1.1));

        var stage = progress.Stages.Single();
        Assert.Equal((8 + 2) / 16.0, stage.Fraction);
        Assert.Equal("run 2/2, epoch 2/8, dev UAR 0.500", stage.ProgressText);
    }

    [Fact]
    public void Distillation_progress_goes_to_the_stage_of_its_generator_with_the_service_s_estimate()
    {
        var progress = NewProgress();
        progress.Apply(Stage("distill/+div", PipelineStageState.Running, "gen-div"));
        progress.Apply(Stage("distill/+div+sml", PipelineStageState.Running, "gen-divsml"));

        progress.Apply(new DistillationProgress(Guid.NewGuid(), "gen-divsml", 30, 120, 0.5, TimeSpan.FromMinutes(3),
            new Dictionary<string, double>(), 0));

        var matched = progress.Stages.Single(s => s.Stage == "distill/+div+sml");
        Assert.Equal(0.25, matched.Fraction);
        Assert.Equal(TimeSpan.FromMinutes(3), matched.EstimatedRemaining);
        Assert.Equal("step 30/120, 0.50 steps/s", matched.ProgressText);
        Assert.Null(progress.Stages.Single(s => s.Stage == "distill/+div").Fraction);
    }

    [Fact]
    public void Distillation_progress_is_not_guessed_when_two_generators_train_without_known_ids()
    {
        var progress = NewProgress();
        progress.Apply(Stage("distill/+div", PipelineStageState.Running));
        progress.Apply(Stage("distill/+sml", PipelineStageState.Running));

        Assert.False(progress.Apply(new DistillationProgress(Guid.NewGuid(), "gen-x", 1, 10, 1, null, new Dictionary<string, double>(), 0)));
    }

    [Fact]
    public void The_estimate_is_dropped_when_the_stage_ends()
    {
        var progress = NewProgress();
        progress.Apply(Stage("distill/+div", PipelineStageState.Running));
        progress.Apply(new DistillationProgress(Guid.NewGuid(), "gen", 5, 10, 1, TimeSpan.FromSeconds(5), new Dictionary<string, double>(), 0));

        progress.Apply(Stage("distill/+div", PipelineStageState.Completed, "gen"));

        Assert.Null(progress.Stages.Single().EstimatedRemaining);
    }

    [Fact]
    public void The_pipeline_s_end_events_set_the_outcome()
    {
        var completed = NewProgress();
        completed.Apply(new PipelineCompleted(Id,
            new ArtifactRef("s3://artifacts/pipelines/x/report.json", new string('a', 64), 10, ArtifactMediaTypes.Json),
            new ArtifactRef("s3://artifacts/pipelines/x/report.md", new string('b', 64), 10, ArtifactMediaTypes.Markdown)));
        var failed = NewProgress();
        failed.Apply(new PipelineFailed(Id, "train-pool", "feature set has no dev split"));
        var cancelled = NewProgress();
        cancelled.Apply(new PipelineCancelled(Id, "user"));

        Assert.Equal(new PipelineOutcome.Completed("s3://artifacts/pipelines/x/report.json"), completed.Outcome);
        Assert.Equal(new PipelineOutcome.Failed("train-pool", "feature set has no dev split"), failed.Outcome);
        Assert.Equal(new PipelineOutcome.Cancelled("user"), cancelled.Outcome);
    }

    [Fact]
    public void A_status_snapshot_adds_unknown_stages_and_keeps_newer_event_states()
    {
        var progress = NewProgress();
        progress.Apply(Stage("train-pool", PipelineStageState.Completed, "pool-1"));
        var startedAt = _clock.GetUtcNow() - TimeSpan.FromMinutes(5);

        progress.ApplyStatus(new PipelineStatus(Id, "running",
        [
            new PipelineStageStatus("extract-features", PipelineStageState.Completed, "fs-1", null),
            new PipelineStageStatus("train-pool", PipelineStageState.Running, null, null),
            new PipelineStageStatus("distill/+div", PipelineStageState.Pending, null, null),
        ], startedAt, _clock.GetUtcNow(), null));

        Assert.Equal(startedAt, progress.StartedAt);
        Assert.Equal(PipelineStageState.Completed, progress.Stages.Single(s => s.Stage == "train-pool").State);
        Assert.Equal(PipelineStageState.Completed, progress.Stages.Single(s => s.Stage == "extract-features").State);
        Assert.Equal(PipelineStageState.Pending, progress.Stages.Single(s => s.Stage == "distill/+div").State);
        Assert.Null(progress.Outcome);
    }

    [Fact]
    public void A_snapshot_of_a_finished_pipeline_ends_the_watch()
    {
        var progress = NewProgress();

        progress.ApplyStatus(new PipelineStatus(Id, "failed",
            [new PipelineStageStatus("extract-features", PipelineStageState.Failed, null, "corpus folder missing")],
            _clock.GetUtcNow(), _clock.GetUtcNow(), null));

        Assert.Equal(new PipelineOutcome.Failed("extract-features", "corpus folder missing"), progress.Outcome);
    }
}
