namespace DistillPlatform.Contracts.Pool;

/// <summary>
/// How each run of the pool is trained: Adam with <see cref="LearningRate"/>, mini-batches of <see cref="BatchSize"/>
/// utterances, for exactly <see cref="MaxEpochs"/> epochs (no early stopping, so every scheduled epoch is reached).
/// </summary>
public sealed record PoolTrainingSpec(double LearningRate = 1e-4, int BatchSize = 32, int MaxEpochs = 50);
