using DistillPlatform.Cli.Configuration;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Sampling;

namespace DistillPlatform.Cli.Tests;

/// <summary>Defaults, then the --config file, then the options: the command that <c>distill run</c> sends.</summary>
public sealed class PipelineCommandBuilderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string DemoDirectory => Path.Combine(_folder.Path, "state", "demo-corpus");

    private PipelineRunPlan Build(PipelineRunOptions options) => new PipelineCommandBuilder(DemoDirectory).Build(options);

    [Fact]
    public void Without_options_the_demo_corpus_and_the_issue_s_budgets_are_used()
    {
        var plan = Build(new PipelineRunOptions());

        Assert.True(plan.UsesDemoCorpus);
        Assert.Equal(CorpusLocation.Local(DemoDirectory), plan.Command.Corpus);
        Assert.Equal([10, 25, 50], plan.Command.PointsPerClass);
        Assert.Equal(ClassDistribution.Balanced, plan.Command.Distribution);
        Assert.Equal(["+div+sml"], plan.Command.Distillation.LossPresets);
        Assert.NotEqual(Guid.Empty, plan.Command.PipelineId);
    }

    [Fact]
    public void Every_run_gets_its_own_pipeline_id() =>
        Assert.NotEqual(Build(new PipelineRunOptions()).Command.PipelineId, Build(new PipelineRunOptions()).Command.PipelineId);

    [Fact]
    public void A_config_file_overrides_nested_fields_and_keeps_their_siblings()
    {
        var config = _folder.File("pipeline.json", """
            {
              // comments are allowed
              "distillation": { "steps": 300, "ModelPreset": "cpu-tiny" },
              "pointsPerClass": [5],
              "evaluation": { "trainer": { "maxEpochs": 12 } },
            }
            """);

        var command = Build(new PipelineRunOptions { ConfigFile = config }).Command;

        Assert.Equal(300, command.Distillation.Steps);
        Assert.Equal("cpu-tiny", command.Distillation.ModelPreset);
        Assert.Equal(PipelineDefaults.Architecture, command.Distillation.Architecture);
        Assert.Equal([5], command.PointsPerClass);
        Assert.Equal(12, command.Evaluation.Trainer.MaxEpochs);
        Assert.Equal(PipelineDefaults.Repeats, command.Evaluation.Repeats);
    }

    [Fact]
    public void Options_win_over_the_config_file()
    {
        var config = _folder.File("pipeline.json", """{ "distillation": { "steps": 300 }, "seed": 9 }""");

        var command = Build(new PipelineRunOptions { ConfigFile = config, Steps = 7 }).Command;

        Assert.Equal(7, command.Distillation.Steps);
        Assert.Equal(9, command.Seed);
    }

    [Fact]
    public void A_misspelt_config_field_is_named_in_the_error()
    {
        var config = _folder.File("pipeline.json", """{ "distillation": { "stepz": 300 } }""");

        var error = Assert.Throws<PipelineConfigurationException>(() => Build(new PipelineRunOptions { ConfigFile = config }));

        Assert.Contains("stepz", error.Message);
        Assert.Contains(config, error.Message);
    }

    [Fact]
    public void A_config_file_that_is_not_an_object_is_refused()
    {
        var config = _folder.File("pipeline.json", "[1, 2]");

        var error = Assert.Throws<PipelineConfigurationException>(() => Build(new PipelineRunOptions { ConfigFile = config }));

        Assert.Contains("must hold a JSON object", error.Message);
    }

    [Fact]
    public void A_user_corpus_with_its_manifest_replaces_the_demo_corpus()
    {
        _folder.File("emo/meta/labels_4.csv", "path,label,speaker\n");

        var plan = Build(new PipelineRunOptions { Corpus = Path.Combine(_folder.Path, "emo"), Manifest = "meta/labels_4.csv" });

        Assert.False(plan.UsesDemoCorpus);
        Assert.Equal(CorpusLocation.Local(Path.Combine(_folder.Path, "emo"), "meta/labels_4.csv"), plan.Command.Corpus);
    }

    [Fact]
    public void A_manifest_alone_makes_its_folder_the_corpus()
    {
        var manifest = _folder.File("emo/list.csv", "path,label,speaker\n");

        var plan = Build(new PipelineRunOptions { Manifest = manifest });

        Assert.Equal(CorpusLocation.Local(Path.Combine(_folder.Path, "emo"), "list.csv"), plan.Command.Corpus);
    }

    [Fact]
    public void A_corpus_without_its_manifest_is_refused_before_sending()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "emo"));

        var error = Assert.Throws<PipelineConfigurationException>(() => Build(new PipelineRunOptions { Corpus = Path.Combine(_folder.Path, "emo") }));

        Assert.Contains("has no manifest 'labels.csv'", error.Message);
        Assert.Contains("--manifest", error.Message);
    }

    [Fact]
    public void A_manifest_outside_the_corpus_folder_is_refused()
    {
        _folder.File("emo/labels.csv", "path,label,speaker\n");
        var outside = _folder.File("other/labels.csv", "path,label,speaker\n");

        var error = Assert.Throws<PipelineConfigurationException>(() =>
            Build(new PipelineRunOptions { Corpus = Path.Combine(_folder.Path, "emo"), Manifest = outside }));

        Assert.Contains("outside the corpus folder", error.Message);
    }

    [Fact]
    public void Every_problem_of_a_config_is_listed_at_once()
    {
        var config = _folder.File("pipeline.json",
            """{ "distillation": { "lossPresets": ["+div", "+magic"], "architecture": "rnn" }, "distribution": "explicit" }""");

        var error = Assert.Throws<PipelineConfigurationException>(() => Build(new PipelineRunOptions { ConfigFile = config }));

        Assert.Contains("unknown loss preset '+magic'", error.Message);
        Assert.Contains("unknown architecture 'rnn'", error.Message);
        Assert.Contains("'explicit'", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
