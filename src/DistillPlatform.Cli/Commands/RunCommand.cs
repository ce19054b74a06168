using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using DistillPlatform.Cli.Configuration;
using DistillPlatform.Cli.Progress;
using DistillPlatform.Cli.Telemetry;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Features.DemoCorpus;
using MassTransit;
using Spectre.Console;

namespace DistillPlatform.Cli.Commands;

/// <summary><c>distill run</c>: sends RunDistillationPipeline for a corpus (the demo corpus by default) and, with --wait, follows it to the end.</summary>
public sealed class RunCommand
{
    public const string DemoCorpusFolderName = "demo-corpus";

    public readonly Option<string?> Corpus = new("--corpus")
    {
        Description = "Corpus folder holding the audio and its CSV manifest (default: the built-in demo corpus, generated into the state folder).",
        HelpName = "DIR",
    };

    public readonly Option<string?> Manifest = new("--manifest")
    {
        Description = "CSV manifest (path,label,speaker[,split]) relative to the corpus folder (default labels.csv); alone, its folder is the corpus.",
        HelpName = "FILE",
    };

    public readonly Option<IReadOnlyList<string>?> Classes = new("--classes")
    {
        Description = "Comma-separated labels to keep, in class order (default: every label in the manifest).",
        CustomParser = CommandActions.ParseNames,
    };

    public readonly Option<IReadOnlyList<string>?> TestSpeakers = new("--test-speakers")
    {
        Description = "Comma-separated speakers held out for testing (default: 20% of the speakers, drawn with the seed).",
        CustomParser = CommandActions.ParseNames,
    };

    public readonly Option<IReadOnlyList<string>?> Presets = new("--presets")
    {
        Description = $"Comma-separated distillation loss presets, one generator each: {string.Join(", ", PipelineDefaults.KnownLossPresets)} (default {string.Join(",", PipelineDefaults.LossPresets)}).",
        CustomParser = CommandActions.ParseNames,
    };

    public readonly Option<string?> Architecture = new("--architecture")
    {
        Description = $"Generator architecture: GAN-CNN or GAN-ATT (default {PipelineDefaults.Architecture}).",
    };

    public readonly Option<string?> ModelPreset = new("--model-preset")
    {
        Description = $"GAN size preset, e.g. cpu-tiny, cpu-small, gpu-paper (default {PipelineDefaults.ModelPreset}).",
    };

    public readonly Option<int?> Steps = new("--steps")
    {
        Description = $"Generator training steps per loss preset (default {PipelineDefaults.Steps}).",
    };

    public readonly Option<IReadOnlyList<int>?> Budgets = new("--budgets")
    {
        Description = $"Comma-separated synthetic points per class to sample and evaluate (default {string.Join(",", PipelineDefaults.Budgets)}).",
        CustomParser = result => CommandActions.ParseList<int>(result,
            item => int.TryParse(item, out var value) && value > 0 ? value : null, "a positive number of points per class"),
    };

    public readonly Option<ClassDistribution?> Distribution = new("--distribution")
    {
        Description = "Class balance of the synthetic sets: balanced, or original (the real training split's proportions).",
        HelpName = "balanced|original",
        CustomParser = result => result.Tokens.Single().Value.ToLowerInvariant() switch
        {
            "balanced" => ClassDistribution.Balanced,
            "original" => ClassDistribution.Original,
            var other => Error(result, $"'{other}' is not a distribution; use balanced or original."),
        },
    };

    public readonly Option<int?> Repeats = new("--repeats")
    {
        Description = $"Training repeats (seeds) per evaluated training set (default {PipelineDefaults.Repeats}).",
    };

    public readonly Option<int?> Seed = new("--seed") { Description = "Seed of the whole pipeline (default 1)." };

    public readonly Option<string?> Config = new("--config")
    {
        Description = "JSON file with any fields of RunDistillationPipeline (see --print-config); options given here override it.",
        HelpName = "FILE",
    };

    public readonly Option<bool> Wait = new("--wait") { Description = "Follow the pipeline until it ends (the default)." };

    public readonly Option<bool> NoWait = new("--no-wait") { Description = "Send the pipeline and return at once." };

    public readonly Option<int?> TimeoutMinutes = new("--timeout")
    {
        Description = "Stop waiting after this many minutes (exit code 4; the pipeline keeps running).",
        HelpName = "MINUTES",
    };

    public readonly Option<bool> PrintConfig = new("--print-config")
    {
        Description = "Print the RunDistillationPipeline command as JSON and send nothing.",
    };

    public RunCommand(CliContext context, Option<string?> state)
    {
        Architecture.AcceptOnlyFromAmong([.. PipelineDefaults.KnownArchitectures]);
        Presets.Validators.Add(result =>
        {
            foreach (var preset in result.GetValueOrDefault<IReadOnlyList<string>?>() ?? [])
            {
                if (!PipelineDefaults.KnownLossPresets.Contains(preset))
                {
                    result.AddError($"Unknown loss preset '{preset}'; use {string.Join(", ", PipelineDefaults.KnownLossPresets)}.");
                }
            }
        });
        RequirePositive(Steps, "--steps");
        RequirePositive(Repeats, "--repeats");
        RequirePositive(TimeoutMinutes, "--timeout");

        Command = new Command("run", "Run the whole method on a corpus: extract features, train the checkpoint pool, distil generators, "
                                         + "sample every budget, evaluate against the real data, write the report.")
        {
            Corpus, Manifest, Classes, TestSpeakers, Presets, Architecture, ModelPreset, Steps, Budgets, Distribution, Repeats, Seed,
            Config, Wait, NoWait, TimeoutMinutes, PrintConfig,
        };
        Command.Validators.Add(result =>
        {
            if (result.GetResult(Wait) is not null && result.GetResult(NoWait) is not null) result.AddError("Give --wait or --no-wait, not both.");
        });
        Command.SetSessionAction(context, state, RunAsync);
    }

    public Command Command { get; }

    /// <summary>The options as the user gave them (null where not given).</summary>
    public PipelineRunOptions ReadOptions(ParseResult parseResult) => new()
    {
        Corpus = parseResult.GetValue(Corpus),
        Manifest = parseResult.GetValue(Manifest),
        Classes = parseResult.GetValue(Classes),
        TestSpeakers = parseResult.GetValue(TestSpeakers),
        LossPresets = parseResult.GetValue(Presets),
        Architecture = parseResult.GetValue(Architecture),
        ModelPreset = parseResult.GetValue(ModelPreset),
        Steps = parseResult.GetValue(Steps),
        Budgets = parseResult.GetValue(Budgets),
        Distribution = parseResult.GetValue(Distribution),
        Repeats = parseResult.GetValue(Repeats),
        Seed = parseResult.GetValue(Seed),
        ConfigFile = parseResult.GetValue(Config),
    };

    private async Task<int> RunAsync(ParseResult parseResult, CommandSession session, CancellationToken cancellationToken)
    {
        var console = session.Console;
        var demoCorpusDirectory = Path.Combine(session.StateDirectory, DemoCorpusFolderName);
        var plan = new PipelineCommandBuilder(demoCorpusDirectory).Build(ReadOptions(parseResult));
        if (parseResult.GetValue(PrintConfig))
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(plan.Command, ContractJson.Options));
            return CliExitCodes.Success;
        }

        var wait = parseResult.GetValue(NoWait) is false;
        TimeSpan? timeout = parseResult.GetValue(TimeoutMinutes) is { } minutes ? TimeSpan.FromMinutes(minutes) : null;
        var endpoints = session.Endpoints; // before the corpus is generated: a stopped platform is reported at once
        using var tracing = CliTelemetry.Start(endpoints.OtlpEndpoint, endpoints.OtlpHeaders);

        var command = plan.Command;
        var events = Channel.CreateUnbounded<object>();
        if (wait) await PipelineEvents.SubscribeAsync(session.Platform, events.Writer, cancellationToken);

        string? traceId;
        using (var activity = CliTelemetry.ActivitySource.StartActivity("distill run", ActivityKind.Producer))
        {
            activity?.SetTag("pipeline.id", command.PipelineId.ToString());
            if (plan.UsesDemoCorpus) await EnsureDemoCorpusAsync(console, demoCorpusDirectory, cancellationToken);
            activity?.SetTag("corpus", command.Corpus.LocalFolder ?? command.Corpus.ObjectStorePrefix);

            var bus = await session.Platform.BusAsync(cancellationToken);
            var queue = await bus.GetSendEndpoint(PipelineQueue.Address);
            await queue.Send(command, cancellationToken);
            traceId = activity?.TraceId.ToHexString();
        }

        DescribeSent(console, command, traceId);
        if (!wait)
        {
            console.MarkupLine($"follow it with [bold]distill watch {command.PipelineId}[/]");
            return CliExitCodes.Success;
        }

        var progress = new PipelineProgress(command.PipelineId, command);
        return await PipelineFollower.FollowAsync(session, progress, events.Reader, timeout, cancellationToken);
    }

    private static async Task EnsureDemoCorpusAsync(IAnsiConsole console, string directory, CancellationToken cancellationToken)
    {
        var options = new DemoCorpusOptions(directory);
        console.MarkupLine($"demo corpus: {Markup.Escape(directory)} ({options.Preset.UtteranceCount} utterances, espeak-ng; made once, then reused)");
        GeneratedDemoCorpus corpus;
        try
        {
            corpus = await DemoCorpusGenerator.EnsureAsync(options, cancellationToken);
        }
        catch (DemoCorpusException error)
        {
            throw new PipelineConfigurationException($"The demo corpus could not be generated: {error.Message}", error);
        }

        console.MarkupLine(corpus.WasGenerated ? "demo corpus generated" : "demo corpus already there, reused");
    }

    private static void DescribeSent(IAnsiConsole console, RunDistillationPipeline command, string? traceId)
    {
        var corpus = command.Corpus.LocalFolder ?? command.Corpus.ObjectStorePrefix;
        var distillation = command.Distillation;
        console.MarkupLine($"pipeline [bold]{command.PipelineId}[/] sent to {PipelineQueue.Name}{(traceId is null ? "" : $" (trace {traceId})")}");
        console.MarkupLine(Markup.Escape(
            $"  corpus {corpus} ({command.Corpus.ManifestName}); GAN {distillation.Architecture}/{distillation.ModelPreset}, "
            + $"{distillation.Steps} steps, presets {string.Join(" ", distillation.LossPresets)}; budgets {string.Join(",", command.PointsPerClass)} "
            + $"per class ({command.Distribution.ToString().ToLowerInvariant()}); {command.Evaluation.Repeats} repeats"));
    }

    private static void RequirePositive(Option<int?> option, string name) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError($"{name} must be at least 1.");
        });

    private static ClassDistribution? Error(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }
}
