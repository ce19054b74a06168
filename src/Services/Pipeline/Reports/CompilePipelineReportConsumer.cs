using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Metrics.Reports;
using DistillPlatform.Services.Pipeline.Messages;
using MassTransit;

namespace DistillPlatform.Services.Pipeline.Reports;

/// <summary>
/// Builds the pipeline report from the stored evaluation reports (<c>evaluations/&lt;id&gt;/report.json</c>) with
/// <see cref="PipelineReportBuilder"/>, writes it with <see cref="ReportFiles"/> (report.json, report.md, SVG plot) and
/// stores it as the folder <c>pipelines/&lt;PipelineId&gt;/</c>, report.json last. A report already stored is answered
/// from the store, so a repeated command never writes different content under the same keys.
/// </summary>
public sealed class CompilePipelineReportConsumer(IArtifactStore store, TimeProvider clock, ILogger<CompilePipelineReportConsumer> logger)
    : IConsumer<CompilePipelineReport>
{
    public const string EvaluationsPrefix = "evaluations";

    private readonly ArtifactFolders _folders = new(store);

    public static ArtifactFolder FolderOf(Guid pipelineId) => new(Persistence.PipelineSnapshotStore.Prefix, pipelineId.ToString("D"), ReportFiles.JsonFileName);

    public async Task Consume(ConsumeContext<CompilePipelineReport> context)
    {
        var message = context.Message;
        var cancellationToken = context.CancellationToken;
        ArtifactFolder folder = FolderOf(message.PipelineId);

        ArtifactRef? json = await _folders.FindAsync(folder, cancellationToken);
        if (json is null)
        {
            EvaluationReport real = await ReadEvaluationAsync(message.RealEvaluationId, cancellationToken);
            var synthetic = new List<EvaluationReport>();
            foreach (string evaluationId in message.SyntheticEvaluationIds)
                synthetic.Add(await ReadEvaluationAsync(evaluationId, cancellationToken));
            PipelineReport report = PipelineReportBuilder.Build(message.PipelineId.ToString("D"), real, synthetic, message.Reproduction, clock.GetUtcNow());

            string directory = Directory.CreateTempSubdirectory("distill-pipeline-report-").FullName;
            try
            {
                await ReportFiles.WriteAsync(report, directory, cancellationToken);
                json = await _folders.UploadAsync(folder, directory, cancellationToken: cancellationToken);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
            logger.LogInformation("Pipeline {PipelineId}: report stored at {Uri}", message.PipelineId, json.Uri);
        }

        ArtifactRef markdown = await store.GetReferenceAsync(folder.KeyOf(ReportFiles.MarkdownFileName), cancellationToken);
        await context.Publish(new PipelineReportCompiled(message.PipelineId, json, markdown), cancellationToken);
    }

    private async Task<EvaluationReport> ReadEvaluationAsync(string evaluationId, CancellationToken cancellationToken)
    {
        var folder = new ArtifactFolder(EvaluationsPrefix, evaluationId, ReportFiles.JsonFileName);
        ArtifactRef reference = await _folders.FindAsync(folder, cancellationToken)
            ?? throw new InvalidOperationException($"Evaluation '{evaluationId}' is not stored ({folder.ManifestKey} is missing), so the pipeline report cannot include it.");
        await using var content = await store.OpenReadAsync(reference, cancellationToken);
        using var reader = new StreamReader(content);
        return ReportJson.DeserializeEvaluation(await reader.ReadToEndAsync(cancellationToken));
    }
}
