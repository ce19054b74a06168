using System.CommandLine;
using Spectre.Console;

namespace DistillPlatform.Cli.Commands;

/// <summary><c>distill report id --out DIR</c>: downloads a pipeline's report files and prints its headline table.</summary>
public static class ReportCommand
{
    public static Command Create(CliContext context, Option<string?> state)
    {
        var id = PipelineIdArgument.Create();
        var output = new Option<string>("--out") { Description = "Folder to write the report files into (created if missing).", Required = true, HelpName = "DIR" };
        var command = new Command("report", "Download a pipeline's report (report.md, report.json, plots) from the object store.") { id, output };
        command.SetSessionAction(context, state, async (parseResult, session, cancellationToken) =>
        {
            var pipelineId = parseResult.GetValue(id);
            var directory = Path.GetFullPath(parseResult.GetValue(output)!);
            var files = await session.Platform.WithStoreAsync(store => PipelineReports.DownloadAsync(store, pipelineId, directory, cancellationToken));
            if (files.Count == 0)
            {
                await session.Context.Error.WriteLineAsync(
                    $"distill: nothing is stored under {PipelineReports.FolderOf(pipelineId)}; the pipeline may still be running (distill status {pipelineId}).");
                return CliExitCodes.Failed;
            }

            foreach (var file in files) session.Console.MarkupLine(Markup.Escape(file));
            if (PipelineReports.ReadLocal(directory) is { } report) session.Console.Write(Progress.HeadlineTable.Render(report));
            return CliExitCodes.Success;
        });
        return command;
    }
}
