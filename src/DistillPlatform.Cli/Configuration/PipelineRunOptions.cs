using DistillPlatform.Contracts.Sampling;

namespace DistillPlatform.Cli.Configuration;

/// <summary>
/// What the user asked for on the <c>distill run</c> command line. Null means "not given": the value then comes from
/// the --config file, or else from <see cref="PipelineDefaults"/>.
/// </summary>
public sealed record PipelineRunOptions
{
    public string? Corpus { get; init; }

    /// <summary>The CSV manifest: relative to <see cref="Corpus"/>, or a path whose folder becomes the corpus when no corpus is given.</summary>
    public string? Manifest { get; init; }

    public IReadOnlyList<string>? Classes { get; init; }

    public IReadOnlyList<string>? TestSpeakers { get; init; }

    public IReadOnlyList<string>? LossPresets { get; init; }

    public string? Architecture { get; init; }

    public string? ModelPreset { get; init; }

    public int? Steps { get; init; }

    public IReadOnlyList<int>? Budgets { get; init; }

    public ClassDistribution? Distribution { get; init; }

    public int? Repeats { get; init; }

    public int? Seed { get; init; }

    public string? ConfigFile { get; init; }
}
