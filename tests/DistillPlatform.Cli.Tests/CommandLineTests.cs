using System.CommandLine;
using DistillPlatform.Cli.Commands;
using DistillPlatform.Contracts.Sampling;

namespace DistillPlatform.Cli.Tests;

/// <summary>Options are parsed and checked by System.CommandLine before any command touches the platform.</summary>
public sealed class CommandLineTests
{
    private static readonly CliContext Context = new(TextWriter.Null, TextWriter.Null, _ => null, Interactive: false);

    private static IReadOnlyList<string> Errors(params string[] args) =>
        DistillCli.Build(Context).Parse(args).Errors.Select(e => e.Message).ToList();

    [Fact]
    public void Run_options_are_read_as_given_and_absent_ones_stay_unset()
    {
        var run = new RunCommand(Context, new Option<string?>("--state"));
        var parsed = run.Command.Parse(["--corpus", "/data/emo", "--classes", "angry,sad", "--budgets", "5, 7", "--steps", "3",
            "--distribution", "original", "--presets", "+div,+div+sml"]);

        Assert.Empty(parsed.Errors);
        var options = run.ReadOptions(parsed);
        Assert.Equal("/data/emo", options.Corpus);
        Assert.Equal(["angry", "sad"], options.Classes!);
        Assert.Equal([5, 7], options.Budgets!);
        Assert.Equal(3, options.Steps);
        Assert.Equal(ClassDistribution.Original, options.Distribution);
        Assert.Equal(["+div", "+div+sml"], options.LossPresets!);
        Assert.Null(options.Manifest);
        Assert.Null(options.Repeats);
        Assert.Null(options.Architecture);
    }

    [Theory]
    [InlineData("--steps", "0", "--steps must be at least 1.")]
    [InlineData("--repeats", "-2", "--repeats must be at least 1.")]
    [InlineData("--budgets", "10,x", "'x' is not a positive number of points per class.")]
    [InlineData("--budgets", "10,0", "'0' is not a positive number of points per class.")]
    [InlineData("--presets", "+div,+fast", "Unknown loss preset '+fast'")]
    [InlineData("--distribution", "explicit", "'explicit' is not a distribution")]
    [InlineData("--architecture", "transformer", "'transformer'")]
    public void Bad_run_options_are_reported_by_the_parser(string option, string value, string expected)
    {
        var errors = Errors("run", option, value);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Wait_and_no_wait_together_are_refused() =>
        Assert.Contains("Give --wait or --no-wait, not both.", Errors("run", "--wait", "--no-wait"));

    [Fact]
    public void A_pipeline_id_must_be_a_guid() =>
        Assert.Contains(Errors("watch", "pipeline-7"), e => e.Contains("'pipeline-7' is not a pipeline id", StringComparison.Ordinal));

    [Fact]
    public void Report_needs_an_output_folder() =>
        Assert.Contains(Errors("report", Guid.NewGuid().ToString()), e => e.Contains("--out", StringComparison.Ordinal));

    [Fact]
    public void Status_takes_an_optional_id() => Assert.Empty(Errors("status"));

    [Fact]
    public void State_is_accepted_after_any_command() =>
        Assert.Empty(Errors("artifacts", "ls", "features/", "--state", "/tmp/somewhere"));
}
