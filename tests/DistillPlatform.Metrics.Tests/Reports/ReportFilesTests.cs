using DistillPlatform.Metrics.Reports;
using static DistillPlatform.Metrics.Tests.Reports.ReportFixtures;

namespace DistillPlatform.Metrics.Tests.Reports;

public sealed class ReportFilesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "report-files-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Evaluation_folder_holds_json_markdown_and_the_linked_plots()
    {
        var report = Evaluation(RealSetup(), 10, PredictionsA, PredictionsC);
        var target = Path.Combine(_directory, "nested", "evaluation");

        var written = await ReportFiles.WriteAsync(report, target);

        Assert.Equal(["report.json", "report.md", "confusion-matrix.svg", "per-class-recall.svg"], written.Select(Path.GetFileName));
        var json = await File.ReadAllTextAsync(Path.Combine(target, "report.json"));
        Assert.Equal(ReportJson.Serialize(report), json);
        Assert.Equal("eval-real", ReportJson.DeserializeEvaluation(json).Setup.EvaluationId);
        var markdown = await File.ReadAllTextAsync(Path.Combine(target, "report.md"));
        Assert.Equal(EvaluationReportMarkdown.Render(report), markdown);
        // Every plot the Markdown links to exists next to it.
        foreach (var plot in new[] { "confusion-matrix.svg", "per-class-recall.svg" })
        {
            Assert.Contains($"]({plot})", markdown);
            Assert.StartsWith("<?xml", await File.ReadAllTextAsync(Path.Combine(target, plot)));
        }
        Assert.NotEqual(0xEF, (await File.ReadAllBytesAsync(Path.Combine(target, "report.json")))[0]); // no byte-order mark
    }

    [Fact]
    public async Task Pipeline_folder_holds_json_markdown_and_the_budget_plot()
    {
        var report = PipelineReportTests.SmallPipeline();

        var written = await ReportFiles.WriteAsync(report, _directory);

        Assert.Equal(["report.json", "report.md", "uar-vs-points-per-class.svg"], written.Select(Path.GetFileName));
        Assert.Equal("pipeline-1", ReportJson.DeserializePipeline(await File.ReadAllTextAsync(written[0])).PipelineId);
        Assert.Contains("](uar-vs-points-per-class.svg)", await File.ReadAllTextAsync(written[1]));
    }
}
