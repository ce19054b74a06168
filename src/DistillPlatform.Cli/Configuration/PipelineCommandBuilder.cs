using System.Text.Json;
using System.Text.Json.Nodes;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Contracts.Sampling;

namespace DistillPlatform.Cli.Configuration;

/// <summary>
/// Builds the <see cref="RunDistillationPipeline"/> command in three layers, later ones winning:
/// <see cref="PipelineDefaults"/>, then the --config file (any subset of the command's JSON, nested objects merged
/// field by field), then the command-line options. The result is checked before anything is sent.
/// </summary>
public sealed class PipelineCommandBuilder(string demoCorpusDirectory)
{
    /// <exception cref="PipelineConfigurationException">A bad config file, contradictory options, or a corpus that is not there.</exception>
    public PipelineRunPlan Build(PipelineRunOptions options)
    {
        var demoCorpus = CorpusLocation.Local(Path.GetFullPath(demoCorpusDirectory));
        var command = PipelineDefaults.Create(demoCorpus);
        if (options.ConfigFile is { } configFile) command = ApplyConfigFile(command, configFile);
        command = ApplyOptions(command, options);

        var usesDemoCorpus = command.Corpus == demoCorpus;
        Validate(command, usesDemoCorpus);
        return new PipelineRunPlan(command, usesDemoCorpus);
    }

    private static RunDistillationPipeline ApplyConfigFile(RunDistillationPipeline defaults, string configFile)
    {
        var path = Path.GetFullPath(configFile);
        if (!File.Exists(path)) throw new PipelineConfigurationException($"Config file {path} does not exist.");

        JsonNode? overlay;
        try
        {
            overlay = JsonNode.Parse(File.ReadAllText(path), ContractJson.NodeOptions, ContractJson.DocumentOptions);
        }
        catch (JsonException error)
        {
            throw new PipelineConfigurationException($"Config file {path} is not valid JSON: {error.Message}", error);
        }

        if (overlay is not JsonObject overlayObject)
        {
            throw new PipelineConfigurationException(
                $"Config file {path} must hold a JSON object with fields of RunDistillationPipeline (e.g. {{ \"distillation\": {{ \"steps\": 300 }} }}).");
        }

        var merged = JsonMerge.Overlay(JsonSerializer.SerializeToNode(defaults, ContractJson.Options)!.AsObject(), overlayObject);
        try
        {
            return merged.Deserialize<RunDistillationPipeline>(ContractJson.Options)
                   ?? throw new PipelineConfigurationException($"Config file {path} describes no pipeline.");
        }
        catch (JsonException error)
        {
            throw new PipelineConfigurationException(
                $"Config file {path} does not fit RunDistillationPipeline: {error.Message} "
                + "Run 'distill run --print-config' to see every field with its default.", error);
        }
    }

    private static RunDistillationPipeline ApplyOptions(RunDistillationPipeline command, PipelineRunOptions options)
    {
        if (options.Corpus is not null || options.Manifest is not null)
        {
            command = command with { Corpus = ResolveCorpus(options.Corpus, options.Manifest) };
        }

        if (options.Classes is { } classes) command = command with { Labels = command.Labels with { Classes = classes } };
        if (options.TestSpeakers is { } speakers)
        {
            command = command with { Split = command.Split with { Kind = SplitPolicyKind.SpeakerIndependent, TestSpeakers = speakers } };
        }

        var distillation = command.Distillation;
        if (options.LossPresets is { } presets) distillation = distillation with { LossPresets = presets };
        if (options.Architecture is { } architecture) distillation = distillation with { Architecture = architecture };
        if (options.ModelPreset is { } modelPreset) distillation = distillation with { ModelPreset = modelPreset };
        if (options.Steps is { } steps) distillation = distillation with { Steps = steps };
        command = command with { Distillation = distillation };

        if (options.Budgets is { } budgets) command = command with { PointsPerClass = budgets };
        if (options.Distribution is { } distribution) command = command with { Distribution = distribution };
        if (options.Repeats is { } repeats) command = command with { Evaluation = command.Evaluation with { Repeats = repeats } };
        if (options.Seed is { } seed) command = command with { Seed = seed };
        return command;
    }

    /// <summary>
    /// A relative manifest is relative to the corpus folder (where the feature extraction service looks for it);
    /// a manifest given without a corpus makes its own folder the corpus.
    /// </summary>
    private static CorpusLocation ResolveCorpus(string? corpus, string? manifest)
    {
        if (corpus is null)
        {
            var manifestPath = Path.GetFullPath(manifest!);
            return CorpusLocation.Local(Path.GetDirectoryName(manifestPath)!, Path.GetFileName(manifestPath));
        }

        var folder = Path.GetFullPath(corpus);
        if (manifest is null) return CorpusLocation.Local(folder);
        if (!Path.IsPathRooted(manifest)) return CorpusLocation.Local(folder, manifest.Replace('\\', '/'));

        var relative = Path.GetRelativePath(folder, Path.GetFullPath(manifest));
        if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            throw new PipelineConfigurationException(
                $"The manifest {manifest} is outside the corpus folder {folder}; put it inside the folder (its paths are relative to the folder).");
        }

        return CorpusLocation.Local(folder, relative.Replace('\\', '/'));
    }

    private static void Validate(RunDistillationPipeline command, bool usesDemoCorpus)
    {
        var problems = new List<string>();
        if (command.Corpus.LocalFolder is { } folder && !usesDemoCorpus)
        {
            if (!Directory.Exists(folder)) problems.Add($"the corpus folder {folder} does not exist");
            else if (!File.Exists(Path.Combine(folder, command.Corpus.ManifestName)))
            {
                problems.Add($"the corpus folder {folder} has no manifest '{command.Corpus.ManifestName}' (give it with --manifest)");
            }
        }

        var distillation = command.Distillation;
        if (distillation.LossPresets.Count == 0) problems.Add("give at least one loss preset");
        foreach (var preset in distillation.LossPresets.Where(p => !PipelineDefaults.KnownLossPresets.Contains(p)))
        {
            problems.Add($"unknown loss preset '{preset}' (known: {string.Join(", ", PipelineDefaults.KnownLossPresets)})");
        }

        if (!PipelineDefaults.KnownArchitectures.Contains(distillation.Architecture))
        {
            problems.Add($"unknown architecture '{distillation.Architecture}' (known: {string.Join(", ", PipelineDefaults.KnownArchitectures)})");
        }

        if (string.IsNullOrWhiteSpace(distillation.ModelPreset)) problems.Add("the model preset is empty");
        if (distillation.Steps < 1) problems.Add($"distillation steps must be at least 1, got {distillation.Steps}");
        if (command.PointsPerClass.Count == 0) problems.Add("give at least one budget (points per class)");
        foreach (var budget in command.PointsPerClass.Where(b => b < 1)) problems.Add($"budget {budget} is not a positive number of points per class");
        if (command.Distribution == ClassDistribution.Explicit)
        {
            problems.Add("the pipeline samples 'balanced' or 'original' class distributions; 'explicit' needs per-class counts it cannot take");
        }

        if (command.Evaluation.Repeats < 1) problems.Add($"evaluation repeats must be at least 1, got {command.Evaluation.Repeats}");
        if (command.Pool.Runs < 1) problems.Add($"pool runs must be at least 1, got {command.Pool.Runs}");
        if (problems.Count > 0)
        {
            throw new PipelineConfigurationException($"The pipeline configuration cannot run: {string.Join("; ", problems)}.");
        }
    }
}
