using System.Threading.Channels;
using DistillPlatform.Contracts.Pipeline;
using Spectre.Console;

namespace DistillPlatform.Cli.Progress;

/// <summary>
/// Feeds events into a <see cref="PipelineProgress"/> until the pipeline ends, the time limit passes or the user
/// stops watching, and shows it: a live table on an interactive terminal, otherwise one line per change (logs, CI).
/// </summary>
public sealed class PipelineWatcher(IAnsiConsole console, bool interactive)
{
    /// <summary>How often the view is redrawn when no event arrives, so elapsed times keep moving.</summary>
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    /// <summary>A running stage's progress line is repeated in line mode at most this often.</summary>
    private static readonly TimeSpan ProgressLineInterval = TimeSpan.FromSeconds(15);

    /// <returns>The outcome, or null when <paramref name="timeout"/> passed first.</returns>
    public async Task<PipelineOutcome?> WatchAsync(
        PipelineProgress progress, ChannelReader<object> events, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var deadline = timeout is { } limit ? progress.Now + limit : DateTimeOffset.MaxValue;
        if (interactive)
        {
            PipelineOutcome? outcome = null;
            await console.Live(ProgressTable.Render(progress)).AutoClear(false).StartAsync(async live =>
            {
                outcome = await PumpAsync(progress, events, deadline, () =>
                {
                    live.UpdateTarget(ProgressTable.Render(progress));
                    live.Refresh();
                }, cancellationToken);
            });
            return outcome;
        }

        var lines = new LineLog(console, progress);
        console.MarkupLine($"watching pipeline [bold]{progress.PipelineId}[/]");
        return await PumpAsync(progress, events, deadline, lines.WriteChanges, cancellationToken);
    }

    private static async Task<PipelineOutcome?> PumpAsync(
        PipelineProgress progress, ChannelReader<object> events, DateTimeOffset deadline, Action redraw, CancellationToken cancellationToken)
    {
        while (progress.Outcome is null)
        {
            if (progress.Now >= deadline) return null;
            var arrived = events.WaitToReadAsync(cancellationToken).AsTask();
            await Task.WhenAny(arrived, Task.Delay(RefreshInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            while (events.TryRead(out var message)) progress.Apply(message);
            redraw();
        }

        return progress.Outcome;
    }

    /// <summary>Line mode: prints a stage when its state changes, and its progress now and then while it runs.</summary>
    private sealed class LineLog(IAnsiConsole console, PipelineProgress progress)
    {
        private readonly Dictionary<string, (PipelineStageState State, DateTimeOffset PrintedAt, string? Text)> _printed = new();

        public void WriteChanges()
        {
            var now = progress.Now;
            foreach (var stage in progress.Stages)
            {
                var text = stage.ProgressText ?? stage.Detail;
                var known = _printed.TryGetValue(stage.Stage, out var last);
                var stateChanged = !known || last.State != stage.State;
                var progressDue = stage.State == PipelineStageState.Running && text != last.Text && now - last.PrintedAt >= ProgressLineInterval;
                if (!stateChanged && !progressDue) continue;

                var eta = stage.EstimatedRemaining is { } remaining && stage.State == PipelineStageState.Running
                    ? $", ETA {ProgressTable.Duration(remaining)}" : "";
                var suffix = text is null ? "" : $" — {Markup.Escape(text)}{eta}";
                console.MarkupLine($"[grey]{now:HH:mm:ss}[/] {Markup.Escape(stage.Stage)}: {ProgressTable.StateMarkup(stage.State)}{suffix}");
                _printed[stage.Stage] = (stage.State, now, text);
            }
        }
    }
}
