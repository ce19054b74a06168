using DistillPlatform.Contracts.Artifacts;

namespace DistillPlatform.Contracts.Pool;

/// <summary>
/// A checkpoint pool is complete in the object store: its <c>index.json</c> (<see cref="Index"/>) lists every
/// checkpoint (safetensors files stored next to it under <c>pools/&lt;id&gt;/</c>) with its SHA-256.
/// <see cref="FromCache"/> is true when the pool already existed and nothing was trained.
/// </summary>
public sealed record CheckpointPoolTrained(Guid RequestId, string PoolId, ArtifactRef Index, int CheckpointCount, bool FromCache);
