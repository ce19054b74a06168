using System.Threading.Channels;
using DistillPlatform.Cli.Progress;
using Spectre.Console;

namespace DistillPlatform.Cli.Commands;

/// <summary>
/// Shared end of <c>run --wait</c> and <c>watch</c>: shows the pipeline until it ends, then, when it completed,
/// downloads its report into STATE/reports/&lt;id&gt;/ and prints where it is and the headline table.
/// </summary>
public static class PipelineFollower
{
    public static async Task<int> FollowAsync(
        CommandSession session, PipelineProgress progress, ChannelReader<object> events, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var console = session.Console;
        var id = progress.PipelineId;
        PipelineOutcome? outcome;
        try
        {
            outcome = await new PipelineWatcher(console, session.Context.Interactive).WatchAsync(progress, events, timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine($"stopped watching; pipeline {id} keeps running ([bold]distill watch {id}[/], [bold]distill cancel {id}[/]).");
            throw;
        }

        switch (outcome)
        {
            case null:
                console.MarkupLine($"[yellow]timed out[/] after {ProgressTable.Duration(timeout!.Value)}; pipeline {id} keeps running ([bold]distill watch {id}[/]).");
                return CliExitCodes.TimedOut;
            case PipelineOutcome.Failed failed:
                console.MarkupLine($"[red]pipeline {id} failed[/] in stage {Markup.Escape(failed.Stage)}: {Markup.Escape(failed.Reason)}");
                return CliExitCodes.Failed;
            case PipelineOutcome.Cancelled cancelled:
                console.MarkupLine($"[red]pipeline {id} was cancelled[/]{(cancelled.Reason is { } reason ? ": " + Markup.Escape(reason) : "")}");
                return CliExitCodes.Cancelled;
            case PipelineOutcome.Completed completed:
                await ShowReportAsync(session, id, completed.ReportUri, cancellationToken);
                return CliExitCodes.Success;
            default:
                throw new InvalidOperationException($"Unknown pipeline outcome {outcome}.");
        }
    }

    private static async Task ShowReportAsync(CommandSession session, Guid id, string? reportUri, CancellationToken cancellationToken)
    {
        var console = session.Console;
        var directory = Path.Combine(session.StateDirectory, "reports", id.ToString());
        var files = await session.Platform.WithStoreAsync(store => PipelineReports.DownloadAsync(store, id, directory, cancellationToken));
        console.MarkupLine($"[green]pipeline {id} completed[/]");
        if (reportUri is not null) console.MarkupLine($"report: {Markup.Escape(reportUri)}");
        if (files.Count == 0)
        {
            console.MarkupLine($"[yellow]no report files are stored under {PipelineReports.FolderOf(id)}[/]");
            return;
        }

        console.MarkupLine($"report files: {Markup.Escape(directory)} (report.md, report.json, plots)");
        if (PipelineReports.ReadLocal(directory) is { } report) console.Write(HeadlineTable.Render(report));
    }
}
