using System.Text;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Contracts.Pipeline;
using DistillPlatform.Metrics.Reports;
using DistillPlatform.Metrics.Statistics;
using MassTransit;

namespace DistillPlatform.Cli.Tests;

/// <summary>The CLI's commands against a real broker and object store, found through the AppHost's endpoints.json.</summary>
public sealed class CliPlatformTests(CliPlatformFixture platform) : IClassFixture<CliPlatformFixture>, IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Artifacts_ls_lists_stored_keys_and_get_downloads_verified_bytes()
    {
        var prefix = $"cli-tests/{Guid.NewGuid():N}/";
        var content = Encoding.UTF8.GetBytes("emotion is in the prosody\n");
        var stored = await platform.Store.PutAsync(prefix + "notes.txt", new MemoryStream(content), ArtifactMediaTypes.OctetStream);

        var listing = await platform.RunCliAsync("artifacts", "ls", prefix);
        var byUri = await platform.RunCliAsync("artifacts", "get", stored.Uri, "--out", _folder.Path);

        Assert.Equal(0, listing.ExitCode);
        Assert.Contains($"{content.Length}  {prefix}notes.txt", listing.Output);
        Assert.Contains("1 artifact(s)", listing.Output);
        Assert.Equal(0, byUri.ExitCode);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "notes.txt")));
    }

    [Fact]
    public async Task Artifacts_get_of_a_missing_key_fails_readably()
    {
        var run = await platform.RunCliAsync("artifacts", "get", "cli-tests/nothing-here.bin", "--out", _folder.Path);

        Assert.Equal(CliExitCodes.Failed, run.ExitCode);
        Assert.Contains("cli-tests/nothing-here.bin", run.Error);
        Assert.StartsWith("distill: ", run.Error);
    }

    [Fact]
    public async Task Publish_delivers_the_typed_command_to_the_queue()
    {
        var requestId = Guid.NewGuid();
        var file = _folder.File("distill.json", $$"""
            { "$type": "DistillGenerator", "requestId": "{{requestId}}", "featureSetId": "fs-9", "poolId": null,
              "architecture": "cnn", "modelPreset": "cpu-tiny", "lossPreset": "baseline", "steps": 5, "seed": 4 }
            """);

        var run = await platform.RunCliAsync("publish", file, "--queue", CliPlatformFixture.CommandsQueue);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"sent DistillGenerator to queue:{CliPlatformFixture.CommandsQueue}", run.Output);
        using var timeout = new CancellationTokenSource(Patience);
        DistillGenerator received;
        do received = await platform.ReceivedCommands.Reader.ReadAsync(timeout.Token);
        while (received.RequestId != requestId);
        Assert.Equal(new DistillGenerator(requestId, "fs-9", null, "cnn", "cpu-tiny", "baseline", 5, Seed: 4), received);
    }

    [Fact]
    public async Task Publish_refuses_a_message_that_does_not_fit_its_contract_and_sends_nothing()
    {
        var file = _folder.File("bad.json", """{ "$type": "DistillGenerator", "featureSetId": "fs-9" }""");

        var run = await platform.RunCliAsync("publish", file, "--queue", CliPlatformFixture.CommandsQueue);

        Assert.Equal(CliExitCodes.Failed, run.ExitCode);
        Assert.Contains("is not a valid DistillGenerator", run.Error);
        Assert.Contains("requestId", run.Error);
    }

    [Fact]
    public async Task Run_without_waiting_sends_the_configured_pipeline_for_the_user_corpus()
    {
        var corpus = NewCorpus();

        var run = await platform.RunCliAsync("run", "--corpus", corpus, "--steps", "12", "--budgets", "4,8", "--no-wait");

        Assert.Equal(0, run.ExitCode);
        var sent = await ReceivedPipelineAsync(corpus);
        Assert.Contains($"pipeline {sent.PipelineId} sent to {PipelineQueue.Name}", run.Output);
        Assert.Equal(CorpusLocation.Local(corpus), sent.Corpus);
        Assert.Equal(12, sent.Distillation.Steps);
        Assert.Equal([4, 8], sent.PointsPerClass);
    }

    [Fact]
    public async Task Run_with_wait_follows_the_pipeline_to_its_report_and_prints_the_headline()
    {
        var corpus = NewCorpus();
        platform.ScriptPipeline(corpus, async context =>
        {
            var id = context.Message.PipelineId;
            await context.Publish(new PipelineStageChanged(id, "extract-features", PipelineStageState.Running, null, null));
            await context.Publish(new FeatureExtractionProgress(Guid.NewGuid(), "fs-demo", 300, 600, 40));
            await context.Publish(new PipelineStageChanged(id, "extract-features", PipelineStageState.Completed, "fs-demo", null));
            await context.Publish(new PipelineStageChanged(id, "distill/+div+sml", PipelineStageState.Running, "gen-1", null));
            await context.Publish(new DistillationProgress(Guid.NewGuid(), "gen-1", 60, 120, 2, TimeSpan.FromSeconds(30),
                new Dictionary<string, double> { ["critic"] = -1.5 }, 0));
            await context.Publish(new PipelineStageChanged(id, "distill/+div+sml", PipelineStageState.Completed, "gen-1", null));
            var (report, markdown) = await StoreReportAsync(id);
            await context.Publish(new PipelineCompleted(id, report, markdown));
        });

        var run = await platform.RunCliAsync("run", "--corpus", corpus, "--wait", "--timeout", "2");

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var id = (await ReceivedPipelineAsync(corpus)).PipelineId;
        Assert.Contains("extract-features: completed", run.Output);
        Assert.Contains("distill/+div+sml: completed", run.Output);
        Assert.Contains($"pipeline {id} completed", run.Output);
        Assert.Contains($"s3://artifacts/pipelines/{id}/report.json", run.Output);
        Assert.Contains("synthetic +div+sml, 10 per class", run.Output);
        Assert.Contains("0.600 ± 0.020", run.Output);
        Assert.Contains("93.5 %", run.Output);
        var local = Path.Combine(platform.StateDirectory, "reports", id.ToString());
        Assert.True(File.Exists(Path.Combine(local, "report.md")));
        Assert.Equal(id.ToString(), ReportJson.DeserializePipeline(await File.ReadAllTextAsync(Path.Combine(local, "report.json"))).PipelineId);

        var listed = await platform.RunCliAsync("status");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(id.ToString(), listed.Output);

        var downloaded = await platform.RunCliAsync("report", id.ToString(), "--out", Path.Combine(_folder.Path, "report"));
        Assert.Equal(0, downloaded.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "report", "report.json")));
    }

    [Fact]
    public async Task Run_with_wait_exits_non_zero_when_the_pipeline_fails()
    {
        var corpus = NewCorpus();
        platform.ScriptPipeline(corpus, async context =>
        {
            var id = context.Message.PipelineId;
            await context.Publish(new PipelineStageChanged(id, "extract-features", PipelineStageState.Running, null, null));
            await context.Publish(new PipelineStageChanged(id, "extract-features", PipelineStageState.Failed, null, "no audio"));
            await context.Publish(new PipelineFailed(id, "extract-features", "labels.csv lists no readable audio"));
        });

        var run = await platform.RunCliAsync("run", "--corpus", corpus, "--timeout", "2");

        Assert.Equal(CliExitCodes.Failed, run.ExitCode);
        Assert.Contains("failed in stage extract-features: labels.csv lists no readable audio", run.Output);
    }

    [Fact]
    public async Task Status_of_a_pipeline_nobody_answers_for_says_the_service_is_missing()
    {
        var context = new CliContext(new StringWriter(), new StringWriter(), _ => null, Interactive: false) { RequestTimeout = TimeSpan.FromSeconds(2) };

        var exitCode = await DistillCli.InvokeAsync(["status", Guid.NewGuid().ToString(), "--state", platform.StateDirectory], context);

        Assert.Equal(CliExitCodes.PlatformUnavailable, exitCode);
        Assert.Contains("No pipeline service answered within 2 s", context.Error.ToString());
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_is_one_readable_line()
    {
        var error = new StringWriter();
        var environment = new Dictionary<string, string> { ["ConnectionStrings__messaging"] = "amqp://distill:x@127.0.0.1:1/" };
        var context = new CliContext(new StringWriter(), error, environment.GetValueOrDefault, Interactive: false) { ConnectTimeout = TimeSpan.FromSeconds(3) };

        var exitCode = await DistillCli.InvokeAsync(["cancel", Guid.NewGuid().ToString()], context);

        Assert.Equal(CliExitCodes.PlatformUnavailable, exitCode);
        Assert.Contains("The message broker at amqp://127.0.0.1:1/", error.ToString());
        Assert.Contains("./scripts/run.sh", error.ToString());
        Assert.Single(error.ToString().Trim().Split('\n'));
    }

    private string NewCorpus()
    {
        var manifest = _folder.File($"corpus-{Guid.NewGuid():N}/labels.csv", "path,label,speaker\nwav/a.wav,angry,s1\n");
        return Path.GetDirectoryName(manifest)!;
    }

    /// <summary>The CLI returns once the broker has the command; the stand-in receives it a moment later.</summary>
    private Task<RunDistillationPipeline> ReceivedPipelineAsync(string corpus) => platform.PipelineReceivedFor(corpus).WaitAsync(Patience);

    /// <summary>A pipeline report as the pipeline service stores it: real baseline and one synthetic row.</summary>
    private async Task<(ArtifactRef Json, ArtifactRef Markdown)> StoreReportAsync(Guid id)
    {
        var interval = new UarConfidenceInterval(0.6, 0.5, 0.7, 0.95, 1000, 1, 0, UarConfidenceInterval.MedianRepeatPercentileBootstrap);
        var report = new PipelineReport(PipelineReport.CurrentFormatVersion, id.ToString(), DateTimeOffset.UtcNow, "fs-demo", "eval-real",
        [
            new PipelineRow("eval-real", "fs-demo", TrainingSetKind.Real, null, null, null, new MeanStd(0.75, 0.01, 2), interval, 1.0,
                null, 20, 0, 0, null),
            new PipelineRow("eval-syn", "syn-1", TrainingSetKind.Synthetic, 10, "+div+sml", "gen-1", new MeanStd(0.6, 0.02, 2), interval, 0.8,
                null, 2, 90, 93.5, null),
        ], new Dictionary<string, string>());
        var folder = $"pipelines/{id}/";
        var markdown = await platform.Store.PutAsync(folder + "report.md", new MemoryStream(Encoding.UTF8.GetBytes("# report\n")), ArtifactMediaTypes.Markdown);
        var json = await platform.Store.PutAsync(folder + "report.json", new MemoryStream(Encoding.UTF8.GetBytes(ReportJson.Serialize(report))), ArtifactMediaTypes.Json);
        return (json, markdown);
    }

    public void Dispose() => _folder.Dispose();
}
