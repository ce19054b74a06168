using Spectre.Console;

namespace DistillPlatform.Cli;

/// <summary>
/// What the commands run against: where they write, the environment they read (connection strings, state folder) and
/// the time limits for reaching the platform. Program.cs uses the process's console; tests pass writers and variables.
/// </summary>
/// <param name="Interactive">Draw live tables (a terminal) rather than one line per change (logs, pipes).</param>
public sealed record CliContext(
    TextWriter Output,
    TextWriter Error,
    Func<string, string?> Environment,
    bool Interactive)
{
    /// <summary>How long the broker may take to accept the CLI's connection.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a request (e.g. GetPipelineStatus) waits for its answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Columns to lay tables out in when the output is not a terminal (which has its own width).</summary>
    public int RedirectedWidth { get; init; } = 160;

    public IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Output),
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = Interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!Interactive) console.Profile.Width = RedirectedWidth;
        return console;
    }

    public static CliContext ForProcess() => new(
        Console.Out,
        Console.Error,
        System.Environment.GetEnvironmentVariable,
        !Console.IsOutputRedirected && System.Environment.GetEnvironmentVariable("CI") is null);
}
