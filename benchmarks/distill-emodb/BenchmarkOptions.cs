using System.Globalization;
using DistillPlatform.Gan.Configuration;

namespace DistillPlatform.Benchmarks.DistillEmoDb;

/// <summary>
/// The benchmark's size and settings. Each value comes from a command-line option, else from its environment
/// variable, else from the default, so the same script serves a full run and a quick one
/// (<c>DISTILL_EMODB_STEPS=100 DISTILL_EMODB_SEEDS=1 benchmarks/run distill-emodb</c>).
/// </summary>
internal sealed record BenchmarkOptions(
    string Corpus,
    string WorkDirectory,
    int Steps,
    int EvaluationSeeds,
    int PoolRuns,
    int BatchSize,
    string ModelPreset,
    GanArchitecture Architecture,
    IReadOnlyList<string> LossPresets,
    int GeneratorSeed)
{
    /// <summary>The options, their environment variables and defaults, for the usage text.</summary>
    public const string Usage =
        "DistillEmoDb --corpus DIR --work DIR [--steps N (DISTILL_EMODB_STEPS, 600)] [--seeds N (DISTILL_EMODB_SEEDS, 3)]\n" +
        "  [--pool-runs N (DISTILL_EMODB_POOL_RUNS, 3)] [--batch N (DISTILL_EMODB_BATCH, 16)] [--model PRESET (DISTILL_EMODB_MODEL, cpu-small)]\n" +
        "  [--architecture cnn|att (DISTILL_EMODB_ARCHITECTURE, att)] [--presets a,b (DISTILL_EMODB_PRESETS, baseline,+div,+sml,+div+sml)]\n" +
        "  [--generator-seed N (DISTILL_EMODB_GENERATOR_SEED, 1)]";

    public static BenchmarkOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                throw new ArgumentException($"Unexpected argument '{args[i]}'. Usage:\n{Usage}");
            values[args[i][2..]] = args[++i];
        }

        string Value(string option, string variable, string fallback) =>
            values.TryGetValue(option, out var given) ? given : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment : fallback;
        int Positive(string option, string variable, int fallback)
        {
            string text = Value(option, variable, fallback.ToString(CultureInfo.InvariantCulture));
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1)
                throw new ArgumentException($"--{option} / {variable} is '{text}'; it must be a positive whole number.");
            return number;
        }

        string corpus = Value("corpus", "DISTILL_EMODB_CORPUS", "");
        string work = Value("work", "DISTILL_EMODB_WORK", "");
        if (corpus.Length == 0 || work.Length == 0)
            throw new ArgumentException($"Pass --corpus DIR (EmoDB with labels.csv and wav/) and --work DIR. Usage:\n{Usage}");
        string[] presets = Value("presets", "DISTILL_EMODB_PRESETS", string.Join(',', GanHyperParameters.PresetNames))
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string preset in presets)
            GanHyperParameters.FromPreset(preset);
        string model = Value("model", "DISTILL_EMODB_MODEL", "cpu-small");
        if (!GanModelConfig.PresetNames.Contains(model))
            throw new ArgumentException($"Unknown model preset '{model}'; use one of: {string.Join(", ", GanModelConfig.PresetNames)}.");
        var architecture = Value("architecture", "DISTILL_EMODB_ARCHITECTURE", "att") switch
        {
            "att" => GanArchitecture.Att,
            "cnn" => GanArchitecture.Cnn,
            var other => throw new ArgumentException($"Unknown architecture '{other}'; use cnn or att."),
        };
        return new BenchmarkOptions(corpus, work,
            Positive("steps", "DISTILL_EMODB_STEPS", 600),
            Positive("seeds", "DISTILL_EMODB_SEEDS", 3),
            Positive("pool-runs", "DISTILL_EMODB_POOL_RUNS", 3),
            Positive("batch", "DISTILL_EMODB_BATCH", 16),
            model, architecture, presets,
            Positive("generator-seed", "DISTILL_EMODB_GENERATOR_SEED", 1));
    }
}
