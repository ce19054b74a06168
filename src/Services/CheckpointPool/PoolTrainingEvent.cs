using DistillPlatform.Emotion.Pool;
using DistillPlatform.Emotion.Training;

namespace DistillPlatform.Services.CheckpointPool;

/// <summary>
/// Something the (synchronous) pool trainer reports from its thread; the consumer turns these into messages and
/// uploads on its own asynchronous loop, so training never waits on the broker or the object store.
/// </summary>
public abstract record PoolTrainingEvent;

/// <summary>Run <paramref name="Run"/> finished an epoch.</summary>
public sealed record PoolEpochTrained(int Run, EpochReport Report) : PoolTrainingEvent;

/// <summary>A run was trained and its checkpoints written; <paramref name="IndexSnapshot"/> is the pool index right after it.</summary>
public sealed record PoolRunTrained(CheckpointRun Run, byte[] IndexSnapshot) : PoolTrainingEvent;
