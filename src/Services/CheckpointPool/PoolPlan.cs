using DistillPlatform.Emotion.Pool;

namespace DistillPlatform.Services.CheckpointPool;

/// <summary>A checked <c>TrainCheckpointPool</c> request: what to train and the pool id that names the result.</summary>
/// <param name="PoolId">Derived from the feature set and every setting that shapes the checkpoints, so equal requests share one pool.</param>
public sealed record PoolPlan(string PoolId, string FeatureSetId, CheckpointPoolOptions Options, bool RequireDevSplit);
