using DistillPlatform.Contracts.Pipeline;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DistillPlatform.Cli.Progress;

/// <summary>Draws a <see cref="PipelineProgress"/> as a table: one row per stage with state, a progress bar, timing and detail.</summary>
public static class ProgressTable
{
    private const int BarWidth = 20;

    public static IRenderable Render(PipelineProgress progress)
    {
        var now = progress.Now;
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title($"pipeline [bold]{progress.PipelineId}[/] — {Duration(now - progress.StartedAt)}")
            .AddColumn("stage")
            .AddColumn("state")
            .AddColumn("progress")
            .AddColumn("time")
            .AddColumn("detail");
        if (progress.Stages.Count == 0)
        {
            table.AddRow(new Markup("[grey]waiting for the pipeline service to start the first stage[/]"),
                Text.Empty, Text.Empty, Text.Empty, Text.Empty);
        }

        foreach (var stage in progress.Stages)
        {
            var time = stage.Elapsed(now) is { } elapsed ? Duration(elapsed) : "";
            if (stage.EstimatedRemaining is { } eta && stage.State == PipelineStageState.Running) time += $" (ETA {Duration(eta)})";
            table.AddRow(
                new Text(stage.Stage),
                new Markup(StateMarkup(stage.State)),
                new Markup(Bar(stage.Fraction)),
                new Text(time),
                new Text(stage.ProgressText ?? stage.Detail ?? stage.ArtifactId ?? ""));
        }

        return table;
    }

    public static string StateMarkup(PipelineStageState state) => state switch
    {
        PipelineStageState.Pending => "[grey]pending[/]",
        PipelineStageState.Running => "[yellow]running[/]",
        PipelineStageState.Completed => "[green]completed[/]",
        PipelineStageState.Failed => "[red]failed[/]",
        PipelineStageState.Cancelled => "[red]cancelled[/]",
        _ => Markup.Escape(state.ToString()),
    };

    public static string Duration(TimeSpan duration) =>
        duration.TotalHours >= 1 ? $"{(int)duration.TotalHours}h{duration.Minutes:00}m" : $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s";

    private static string Bar(double? fraction)
    {
        if (fraction is not { } f) return "";
        var filled = (int)Math.Round(Math.Clamp(f, 0, 1) * BarWidth);
        return $"[green]{new string('█', filled)}[/][grey]{new string('░', BarWidth - filled)}[/] {f * 100,3:0}%";
    }
}
