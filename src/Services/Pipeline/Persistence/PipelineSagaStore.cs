using System.Text.Json;
using DistillPlatform.Artifacts;
using MassTransit;

namespace DistillPlatform.Services.Pipeline.Persistence;

/// <summary>
/// The saga instances of this pipeline host: every pipeline's latest state, loaded from <see cref="PipelineSnapshotStore"/>
/// on first use (so a restarted host continues where the last one stopped) and written back on every change before the
/// message that caused it is acknowledged.
/// <para>
/// Instances are handed out as copies (deserialised from the last stored JSON), so a message whose handling fails
/// leaves the stored and cached state untouched. One transaction at a time (<see cref="BeginTransactionAsync"/>):
/// pipeline messages are small and quick to handle, so serialising them costs nothing and rules out lost updates
/// between two messages of the same pipeline.
/// </para>
/// </summary>
public sealed class PipelineSagaStore(PipelineSnapshotStore snapshots, ILogger<PipelineSagaStore> logger)
{
    private readonly SemaphoreSlim _transaction = new(1, 1);
    private Dictionary<Guid, CachedPipeline>? _pipelines;

    private sealed record CachedPipeline(PipelineState Instance, string Json);

    /// <summary>Waits until no other transaction runs; dispose the result to end this one.</summary>
    public async Task<IDisposable> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        await _transaction.WaitAsync(cancellationToken);
        try
        {
            await EnsureLoadedAsync(cancellationToken);
        }
        catch
        {
            _transaction.Release();
            throw;
        }
        return new Transaction(_transaction);
    }

    /// <summary>A private copy of the pipeline's current state, or null when no such pipeline was started.</summary>
    public PipelineState? Load(Guid pipelineId) =>
        Pipelines.TryGetValue(pipelineId, out var cached) ? Deserialize(cached.Json) : null;

    /// <summary>Ids of the pipelines whose current state matches <paramref name="query"/>.</summary>
    public IReadOnlyList<Guid> Find(ISagaQuery<PipelineState> query)
    {
        var matches = query.GetFilter();
        return Pipelines.Values.Where(cached => matches(cached.Instance)).Select(cached => cached.Instance.CorrelationId).ToList();
    }

    /// <summary>
    /// Stores <paramref name="instance"/> as the pipeline's next snapshot, unless it equals the current one (status
    /// queries and ignored duplicates change nothing and write nothing).
    /// </summary>
    public async Task SaveAsync(PipelineState instance, CancellationToken cancellationToken)
    {
        Pipelines.TryGetValue(instance.CorrelationId, out var current);
        int currentVersion = current?.Instance.Version ?? 0;
        instance.Version = currentVersion;
        string unchanged = JsonSerializer.Serialize(instance, PipelineJson.Options);
        if (current is not null && unchanged == current.Json)
            return;

        instance.Version = currentVersion + 1;
        string json = JsonSerializer.Serialize(instance, PipelineJson.Options);
        try
        {
            await snapshots.SaveAsync(instance.CorrelationId, instance.Version, json, cancellationToken);
        }
        catch (ArtifactConflictException e)
        {
            // Another host wrote this version: take its state, and let the message's retry apply to that.
            await ReloadAsync(instance.CorrelationId, cancellationToken);
            throw new SagaException($"Pipeline {instance.CorrelationId} changed in the store while this host handled a message; retrying on the stored state.",
                typeof(PipelineState), instance.CorrelationId, e);
        }
        Pipelines[instance.CorrelationId] = new CachedPipeline(Deserialize(json), json);
    }

    private Dictionary<Guid, CachedPipeline> Pipelines =>
        _pipelines ?? throw new InvalidOperationException("Begin a transaction before using the pipeline saga store.");

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (_pipelines is not null)
            return;
        var stored = await snapshots.LoadLatestAsync(cancellationToken);
        _pipelines = stored.ToDictionary(entry => entry.Key, entry => new CachedPipeline(Deserialize(entry.Value), entry.Value));
        logger.LogInformation("Loaded the state of {Count} pipelines from the object store", _pipelines.Count);
    }

    private async Task ReloadAsync(Guid pipelineId, CancellationToken cancellationToken)
    {
        string? json = await snapshots.LoadLatestAsync(pipelineId, cancellationToken);
        if (json is null)
            Pipelines.Remove(pipelineId);
        else
            Pipelines[pipelineId] = new CachedPipeline(Deserialize(json), json);
    }

    private static PipelineState Deserialize(string json) =>
        JsonSerializer.Deserialize<PipelineState>(json, PipelineJson.Options)
        ?? throw new InvalidDataException("A stored pipeline state is the JSON value null.");

    private sealed class Transaction(SemaphoreSlim semaphore) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                semaphore.Release();
        }
    }
}
