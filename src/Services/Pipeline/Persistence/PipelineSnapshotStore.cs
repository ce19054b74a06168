using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Services.Pipeline.Persistence;

/// <summary>
/// Pipeline saga state in the object store, as numbered JSON snapshots <c>pipelines/&lt;id&gt;/state/&lt;version&gt;.json</c>.
/// The store is write-once (a key never changes, nothing finished can be deleted), so a new state is a new key with
/// the next version number, and the latest version is the current state. Write-once keys double as optimistic
/// concurrency: two writers of the same version cannot both succeed (<see cref="ArtifactConflictException"/>).
/// </summary>
public sealed partial class PipelineSnapshotStore(IArtifactStore store)
{
    public const string Prefix = "pipelines";

    public static string KeyOf(Guid pipelineId, int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}/{pipelineId:D}/state/{version:D8}.json");

    /// <summary>Stores <paramref name="json"/> as version <paramref name="version"/> of the pipeline's state.</summary>
    /// <exception cref="ArtifactConflictException">Another writer stored this version first.</exception>
    public async Task SaveAsync(Guid pipelineId, int version, string json, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json), writable: false);
        await store.PutAsync(KeyOf(pipelineId, version), content, ArtifactMediaTypes.Json, cancellationToken);
    }

    /// <summary>The JSON of the latest snapshot of every pipeline in the store.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> LoadLatestAsync(CancellationToken cancellationToken)
    {
        var latestKeys = new Dictionary<Guid, (int Version, string Key)>();
        await foreach (var stored in store.ListAsync(Prefix + "/", cancellationToken))
        {
            var match = SnapshotKey().Match(stored.Key);
            if (!match.Success)
                continue; // reports and other files of the pipeline folder
            var pipelineId = Guid.Parse(match.Groups["id"].Value);
            int version = int.Parse(match.Groups["version"].Value, CultureInfo.InvariantCulture);
            if (!latestKeys.TryGetValue(pipelineId, out var latest) || version > latest.Version)
                latestKeys[pipelineId] = (version, stored.Key);
        }

        var snapshots = new Dictionary<Guid, string>();
        foreach (var (pipelineId, (_, key)) in latestKeys)
            snapshots[pipelineId] = await ReadAsync(key, cancellationToken);
        return snapshots;
    }

    /// <summary>The latest snapshot of one pipeline, or null when it has none.</summary>
    public async Task<string?> LoadLatestAsync(Guid pipelineId, CancellationToken cancellationToken)
    {
        string? latestKey = null;
        await foreach (var stored in store.ListAsync($"{Prefix}/{pipelineId:D}/state/", cancellationToken))
        {
            if (SnapshotKey().IsMatch(stored.Key) && (latestKey is null || string.CompareOrdinal(stored.Key, latestKey) > 0))
                latestKey = stored.Key;
        }
        return latestKey is null ? null : await ReadAsync(latestKey, cancellationToken);
    }

    private async Task<string> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var reference = await store.GetReferenceAsync(key, cancellationToken);
        await using var content = await store.OpenReadAsync(reference, cancellationToken);
        using var reader = new StreamReader(content);
        string json = await reader.ReadToEndAsync(cancellationToken);
        // Fail here, naming the key, rather than later with a bare parse error.
        try
        {
            using var _ = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Pipeline state snapshot {key} is not valid JSON: {e.Message}", e);
        }
        return json;
    }

    [GeneratedRegex(@"^pipelines/(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/state/(?<version>\d{8})\.json$")]
    private static partial Regex SnapshotKey();
}
