using System.CommandLine;
using DistillPlatform.Artifacts;
using DistillPlatform.Cli.Configuration;
using DistillPlatform.Cli.Connection;
using DistillPlatform.Cli.Messages;
using MassTransit;
using Spectre.Console;

namespace DistillPlatform.Cli.Commands;

/// <summary>
/// Runs a command's body inside a <see cref="CommandSession"/> and turns the errors a user can fix into one readable
/// line and an exit code, instead of a stack trace.
/// </summary>
public static class CommandActions
{
    public static void SetSessionAction(
        this Command command, CliContext context, Option<string?> stateOption,
        Func<ParseResult, CommandSession, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var locator = new PlatformLocator(context.Environment);
            var state = locator.StateDirectory(parseResult.GetValue(stateOption));
            await using var session = new CommandSession(context, context.CreateConsole(), state, locator);
            try
            {
                return await body(parseResult, session, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync("distill: interrupted");
                return CliExitCodes.Interrupted;
            }
            catch (PlatformUnavailableException error)
            {
                return await FailAsync(context, error.Message, CliExitCodes.PlatformUnavailable);
            }
            catch (RequestTimeoutException)
            {
                return await FailAsync(context,
                    $"No pipeline service answered within {context.RequestTimeout.TotalSeconds:0} s. Is the platform running with its pipeline service? "
                    + PlatformUnavailableException.StartHint, CliExitCodes.PlatformUnavailable);
            }
            catch (Exception error) when (error is PipelineConfigurationException or MessageValidationException or ArtifactNotFoundException
                                              or ArtifactIntegrityException or FormatException or IOException or UnauthorizedAccessException)
            {
                return await FailAsync(context, error.Message, CliExitCodes.Failed);
            }
        });
    }

    private static async Task<int> FailAsync(CliContext context, string message, int exitCode)
    {
        await context.Error.WriteLineAsync($"distill: {message}");
        return exitCode;
    }

    /// <summary>Values of a comma-separated option ("10,25,50"); each item must parse, or the option reports an error.</summary>
    public static IReadOnlyList<T>? ParseList<T>(System.CommandLine.Parsing.ArgumentResult result, Func<string, T?> parse, string itemDescription)
        where T : struct
    {
        var items = result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        var values = new List<T>();
        foreach (var item in items)
        {
            if (parse(item) is { } value) values.Add(value);
            else
            {
                result.AddError($"'{item}' is not {itemDescription}.");
                return null;
            }
        }

        if (values.Count == 0) result.AddError($"Give at least one {itemDescription}.");
        return values;
    }

    public static IReadOnlyList<string> ParseNames(System.CommandLine.Parsing.ArgumentResult result) =>
        result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();

    public static string Escape(string text) => Markup.Escape(text);
}
