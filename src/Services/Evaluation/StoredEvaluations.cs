using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Metrics.Reports;

namespace DistillPlatform.Services.Evaluation;

/// <summary>
/// Evaluation reports in the object store under <c>evaluations/&lt;id&gt;/</c>, stored as an artifact folder whose
/// manifest is report.json: it is uploaded after the Markdown and plots, so an evaluation counts as finished exactly
/// when its report.json is stored.
/// </summary>
public sealed class StoredEvaluations(IArtifactStore store)
{
    public const string Prefix = "evaluations";

    private readonly ArtifactFolders _folders = new(store);

    /// <summary>The stored report.json and report.md of a finished evaluation.</summary>
    public sealed record StoredReport(ArtifactRef Json, ArtifactRef Markdown);

    /// <exception cref="ArgumentException">The id is not a single path segment.</exception>
    public static ArtifactFolder FolderOf(string evaluationId)
    {
        var folder = new ArtifactFolder(Prefix, evaluationId, ReportFiles.JsonFileName);
        folder.Validate();
        return folder;
    }

    /// <summary>The stored files of evaluation <paramref name="evaluationId"/>, or null when it is not finished.</summary>
    public async Task<StoredReport?> FindAsync(string evaluationId, CancellationToken cancellationToken)
    {
        var folder = FolderOf(evaluationId);
        var json = await _folders.FindAsync(folder, cancellationToken);
        return json is null ? null : new StoredReport(json, await store.GetReferenceAsync(folder.KeyOf(ReportFiles.MarkdownFileName), cancellationToken));
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
        var folder = FolderOf(evaluationId);
        var stored = await _folders.FindAsync(folder, cancellationToken) ?? throw new MissingEvaluationInputException(
            $"Reference evaluation '{evaluationId}' is not stored (no {folder.ManifestKey}); evaluate it first or leave the reference out.");
        return await ReadAsync(stored, cancellationToken);
    }

    /// <summary>Uploads the report folder written by <see cref="ReportFiles"/>, report.json last.</summary>
    public async Task<StoredReport> UploadAsync(string evaluationId, string reportFolder, CancellationToken cancellationToken)
    {
        var folder = FolderOf(evaluationId);
        var json = await _folders.UploadAsync(folder, reportFolder, cancellationToken: cancellationToken);
        return new StoredReport(json, await store.GetReferenceAsync(folder.KeyOf(ReportFiles.MarkdownFileName), cancellationToken));
    }
}
