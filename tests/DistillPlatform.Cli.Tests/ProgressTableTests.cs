using DistillPlatform.Cli.Progress;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Pipeline;

namespace DistillPlatform.Cli.Tests;

/// <summary>The live table as drawn on a plain (non-ANSI) console.</summary>
public sealed class ProgressTableTests
{
    [Fact]
    public void Every_stage_is_drawn_with_its_state_progress_and_estimate()
    {
        var id = Guid.NewGuid();
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));
        var progress = new PipelineProgress(id, clock: clock);
        progress.Apply(new PipelineStageChanged(id, "extract-features", PipelineStageState.Completed, "fs-1", null));
        progress.Apply(new PipelineStageChanged(id, "distill/+div", PipelineStageState.Running, "gen-1", null));
        progress.Apply(new DistillationProgress(Guid.NewGuid(), "gen-1", 25, 100, 0.5, TimeSpan.FromSeconds(150), new Dictionary<string, double>(), 0));
        clock.Advance(TimeSpan.FromSeconds(65));
        var output = new StringWriter();
        var console = new CliContext(output, TextWriter.Null, _ => null, Interactive: false).CreateConsole();

        console.Write(ProgressTable.Render(progress));

        var text = output.ToString();
        Assert.Contains($"pipeline {id} — 1m05s", text);
        Assert.Contains("extract-features", text);
        Assert.Contains("completed", text);
        Assert.Contains("100%", text);
        Assert.Contains("distill/+div", text);
        Assert.Contains(" 25%", text);
        Assert.Contains("1m05s (ETA 2m30s)", text);
        Assert.Contains("step 25/100, 0.50 steps/s", text);
    }
}
