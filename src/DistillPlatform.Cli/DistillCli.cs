using System.CommandLine;
using DistillPlatform.Cli.Commands;

namespace DistillPlatform.Cli;

/// <summary>The <c>distill</c> command line: its commands, and one entry point for Program.cs and the tests.</summary>
public static class DistillCli
{
    public static RootCommand Build(CliContext context)
    {
        var state = new Option<string?>("--state")
        {
            Description = "The running AppHost's state folder (default $DISTILL_STATE_DIR, else <repo>/.state); its endpoints.json says where the platform is.",
            HelpName = "DIR",
            Recursive = true,
        };
        var root = new RootCommand(
            "distill: drive a running DistillPlatform (start it with ./scripts/run.sh). Connects through the broker and the object store "
            + "named by ConnectionStrings__messaging / ConnectionStrings__objectstore, or by the AppHost's endpoints.json.")
        {
            state,
        };
        root.Subcommands.Add(new RunCommand(context, state).Command);
        root.Subcommands.Add(StatusCommands.Status(context, state));
        root.Subcommands.Add(StatusCommands.Watch(context, state));
        root.Subcommands.Add(StatusCommands.Cancel(context, state));
        root.Subcommands.Add(ReportCommand.Create(context, state));
        root.Subcommands.Add(PublishCommand.Create(context, state));
        root.Subcommands.Add(ArtifactsCommand.Create(context, state));
        return root;
    }

    public static Task<int> InvokeAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parseResult = Build(context).Parse(args);
        return parseResult.InvokeAsync(new InvocationConfiguration { Output = context.Output, Error = context.Error }, cancellationToken);
    }
}
