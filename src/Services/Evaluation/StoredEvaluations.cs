using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Metrics.Reports;

namespace DistillPlatform.Services.Evaluation;

/// <summary>
/// Evaluation reports in the object store under <c>evaluations/&lt;id&gt;/</c>. report.json is uploaded after the
/// Markdown and plots, so an evaluation counts as finished exactly when its report.json is stored.
/// </summary>
public sealed class StoredEvaluations(IArtifactStore store)
{
    private const string MarkdownMediaType = "text/markdown";
    private const string SvgMediaType = "image/svg+xml";

    /// <summary>The stored report.json and report.md of a finished evaluation.</summary>
    public sealed record StoredReport(ArtifactRef Json, ArtifactRef Markdown);

    /// <summary>The stored files of evaluation <paramref name="evaluationId"/>, or null when it is not finished.</summary>
    public async Task<StoredReport?> FindAsync(string evaluationId, CancellationToken cancellationToken)
    {
        var json = await store.TryGetReferenceAsync(StorageKeys.EvaluationFile(evaluationId, ReportFiles.JsonFileName), cancellationToken);
        return json is null
            ? null
            : new StoredReport(json, await store.GetReferenceAsync(StorageKeys.EvaluationFile(evaluationId, ReportFiles.MarkdownFileName), cancellationToken));
    }

    public async Task<EvaluationReport> ReadAsync(ArtifactRef report, CancellationToken cancellationToken)
    {
        await using var content = await store.OpenReadAsync(report, cancellationToken);
        using var text = new StreamReader(content);
        return ReportJson.DeserializeEvaluation(await text.ReadToEndAsync(cancellationToken));
    }

    /// <exception cref="MissingEvaluationInputException">No finished evaluation has this id.</exception>
    public async Task<EvaluationReport> ReadReferenceAsync(string evaluationId, CancellationToken cancellationToken)
    {
        var stored = await store.TryGetReferenceAsync(StorageKeys.EvaluationFile(evaluationId, ReportFiles.JsonFileName), cancellationToken)
            ?? throw new MissingEvaluationInputException(
                $"Reference evaluation '{evaluationId}' is not stored (no {StorageKeys.EvaluationFile(evaluationId, ReportFiles.JsonFileName)}); evaluate it first or leave the reference out.");
        return await ReadAsync(stored, cancellationToken);
    }

    /// <summary>Uploads the files <see cref="ReportFiles.WriteAsync(EvaluationReport, string, CancellationToken)"/> wrote, report.json last.</summary>
    public async Task<StoredReport> UploadAsync(string evaluationId, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        ArtifactRef? markdown = null;
        string jsonPath = files.Single(path => Path.GetFileName(path) == ReportFiles.JsonFileName);
        foreach (string path in files.Where(path => path != jsonPath))
        {
            string name = Path.GetFileName(path);
            var stored = await PutFileAsync(evaluationId, path, name switch
            {
                ReportFiles.MarkdownFileName => MarkdownMediaType,
                _ when name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) => SvgMediaType,
                _ => ArtifactMediaTypes.OctetStream,
            }, cancellationToken);
            if (name == ReportFiles.MarkdownFileName) markdown = stored;
        }
        var json = await PutFileAsync(evaluationId, jsonPath, ArtifactMediaTypes.Json, cancellationToken);
        return new StoredReport(json, markdown ?? throw new InvalidOperationException($"The report files lack {ReportFiles.MarkdownFileName}."));
    }

    private async Task<ArtifactRef> PutFileAsync(string evaluationId, string path, string mediaType, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(path);
        return await store.PutAsync(StorageKeys.EvaluationFile(evaluationId, Path.GetFileName(path)), content, mediaType, cancellationToken);
    }
}
