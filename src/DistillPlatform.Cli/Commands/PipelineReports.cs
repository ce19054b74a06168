using DistillPlatform.Artifacts;
using DistillPlatform.Metrics.Reports;

namespace DistillPlatform.Cli.Commands;

/// <summary>Pipeline reports in the object store: every file under <c>pipelines/&lt;id&gt;/</c> (report.json, report.md, plots).</summary>
public static class PipelineReports
{
    public const string Prefix = "pipelines/";

    public static string FolderOf(Guid pipelineId) => $"{Prefix}{pipelineId}/";

    /// <summary>Downloads the pipeline's stored files into <paramref name="directory"/>, keeping their relative paths.</summary>
    /// <returns>The local paths written; empty when nothing is stored for the pipeline.</returns>
    public static async Task<IReadOnlyList<string>> DownloadAsync(
        IArtifactStore store, Guid pipelineId, string directory, CancellationToken cancellationToken)
    {
        var folder = FolderOf(pipelineId);
        var written = new List<string>();
        await foreach (var stored in store.ListAsync(folder, cancellationToken))
        {
            var path = Path.GetFullPath(Path.Combine(directory, stored.Key[folder.Length..]));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var reference = await store.GetReferenceAsync(stored.Key, cancellationToken);
            await using (var file = File.Create(path)) await store.DownloadAsync(reference, file, cancellationToken);
            written.Add(path);
        }

        return written;
    }

    /// <summary>Reads a downloaded report.json, or null when the folder has none.</summary>
    public static PipelineReport? ReadLocal(string directory)
    {
        var path = Path.Combine(directory, ReportFiles.JsonFileName);
        return File.Exists(path) ? ReportJson.DeserializePipeline(File.ReadAllText(path)) : null;
    }
}
