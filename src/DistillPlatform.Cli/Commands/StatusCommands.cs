using System.CommandLine;
using System.Threading.Channels;
using DistillPlatform.Cli.Progress;
using DistillPlatform.Contracts.Pipeline;
using MassTransit;
using Spectre.Console;

namespace DistillPlatform.Cli.Commands;

/// <summary><c>distill status [id]</c>, <c>distill watch id</c> and <c>distill cancel id</c>: asking the pipeline service about pipelines.</summary>
public static class StatusCommands
{
    public static Command Status(CliContext context, Option<string?> state)
    {
        var id = PipelineIdArgument.Create();
        id.Arity = ArgumentArity.ZeroOrOne;
        var command = new Command("status", "Show one pipeline's stages (asks the pipeline service), or, without an id, the pipelines stored in the object store.")
        {
            id,
        };
        command.SetSessionAction(context, state, async (parseResult, session, cancellationToken) =>
            parseResult.GetResult(id) is null
                ? await ListStoredAsync(session, cancellationToken)
                : await ShowStatusAsync(session, parseResult.GetValue(id), cancellationToken));
        return command;
    }

    public static Command Watch(CliContext context, Option<string?> state)
    {
        var id = PipelineIdArgument.Create();
        var timeout = new Option<int?>("--timeout") { Description = "Stop watching after this many minutes (exit code 4).", HelpName = "MINUTES" };
        var command = new Command("watch", "Follow a running pipeline until it ends, then print its report.") { id, timeout };
        command.SetSessionAction(context, state, async (parseResult, session, cancellationToken) =>
        {
            var pipelineId = parseResult.GetValue(id);
            var events = Channel.CreateUnbounded<object>();
            // Subscribe before asking, so no event falls between the snapshot and the live updates.
            await PipelineEvents.SubscribeAsync(session.Platform, events.Writer, cancellationToken);
            var status = await RequestStatusAsync(session, pipelineId, cancellationToken);
            if (status is null) return NotFound(session, pipelineId);

            var progress = new PipelineProgress(pipelineId);
            progress.ApplyStatus(status);
            TimeSpan? limit = parseResult.GetValue(timeout) is { } minutes ? TimeSpan.FromMinutes(minutes) : null;
            return await PipelineFollower.FollowAsync(session, progress, events.Reader, limit, cancellationToken);
        });
        return command;
    }

    public static Command Cancel(CliContext context, Option<string?> state)
    {
        var id = PipelineIdArgument.Create();
        var reason = new Option<string?>("--reason") { Description = "Why (recorded with the cancellation)." };
        var command = new Command("cancel", "Cancel a pipeline: running stages stop where they can, no new stage starts.") { id, reason };
        command.SetSessionAction(context, state, async (parseResult, session, cancellationToken) =>
        {
            var pipelineId = parseResult.GetValue(id);
            var bus = await session.Platform.BusAsync(cancellationToken);
            // Published, not sent: it must reach whichever pipeline service instance runs the pipeline.
            await bus.Publish(new CancelPipeline(pipelineId, parseResult.GetValue(reason) ?? "cancelled with distill cancel"), cancellationToken);
            session.Console.MarkupLine($"cancellation of pipeline {pipelineId} requested; [bold]distill status {pipelineId}[/] shows when it stopped.");
            return CliExitCodes.Success;
        });
        return command;
    }

    /// <returns>The status, or null when the pipeline service knows no such pipeline.</returns>
    private static async Task<PipelineStatus?> RequestStatusAsync(CommandSession session, Guid pipelineId, CancellationToken cancellationToken)
    {
        var bus = await session.Platform.BusAsync(cancellationToken);
        var client = bus.CreateRequestClient<GetPipelineStatus>(RequestTimeout.After(ms: (int)session.Context.RequestTimeout.TotalMilliseconds));
        var response = await client.GetResponse<PipelineStatus, PipelineNotFound>(new GetPipelineStatus(pipelineId), cancellationToken);
        return response.Is(out Response<PipelineStatus>? found) ? found.Message : null;
    }

    private static async Task<int> ShowStatusAsync(CommandSession session, Guid pipelineId, CancellationToken cancellationToken)
    {
        var status = await RequestStatusAsync(session, pipelineId, cancellationToken);
        if (status is null) return NotFound(session, pipelineId);

        var progress = new PipelineProgress(pipelineId);
        progress.ApplyStatus(status);
        session.Console.Write(ProgressTable.Render(progress));
        session.Console.MarkupLine($"state: [bold]{Markup.Escape(status.State)}[/], started {status.StartedAt:u}, updated {status.UpdatedAt:u}");
        if (status.ReportUri is { } report) session.Console.MarkupLine($"report: {Markup.Escape(report)} ([bold]distill report {pipelineId} --out DIR[/])");
        return CliExitCodes.Success;
    }

    private static async Task<int> ListStoredAsync(CommandSession session, CancellationToken cancellationToken)
    {
        var pipelines = await session.Platform.WithStoreAsync(async store =>
        {
            var byId = new SortedDictionary<string, (int Files, bool HasReport, DateTimeOffset LastModified)>(StringComparer.Ordinal);
            await foreach (var stored in store.ListAsync(PipelineReports.Prefix, cancellationToken))
            {
                var rest = stored.Key[PipelineReports.Prefix.Length..];
                var slash = rest.IndexOf('/');
                if (slash <= 0) continue;
                var id = rest[..slash];
                var known = byId.GetValueOrDefault(id);
                byId[id] = (known.Files + 1, known.HasReport || rest[(slash + 1)..] == Metrics.Reports.ReportFiles.JsonFileName,
                    stored.LastModified > known.LastModified ? stored.LastModified : known.LastModified);
            }

            return byId;
        });

        if (pipelines.Count == 0)
        {
            session.Console.MarkupLine($"no pipelines are stored under {PipelineReports.Prefix} yet; start one with [bold]distill run[/].");
            return CliExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("pipeline").AddColumn("report").AddColumn("files").AddColumn("last written");
        foreach (var (id, info) in pipelines.OrderByDescending(p => p.Value.LastModified))
        {
            table.AddRow(Markup.Escape(id), info.HasReport ? "[green]report.json[/]" : "[grey]none yet[/]", info.Files.ToString(), $"{info.LastModified:u}");
        }

        session.Console.Write(table);
        return CliExitCodes.Success;
    }

    private static int NotFound(CommandSession session, Guid pipelineId)
    {
        session.Context.Error.WriteLine($"distill: no pipeline {pipelineId} is known to the pipeline service.");
        return CliExitCodes.Failed;
    }
}
