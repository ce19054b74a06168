namespace DistillPlatform.Contracts.Pool;

/// <summary>Published after every epoch of every run while a pool trains.</summary>
/// <param name="Run">0-based run number.</param>
/// <param name="Epoch">1-based epoch number within the run.</param>
/// <param name="DevUar">Unweighted average recall on the dev split after the epoch; null without a dev split.</param>
public sealed record CheckpointPoolProgress(Guid RequestId, string PoolId, int Run, int Epoch, double? DevUar, double TrainLoss);
