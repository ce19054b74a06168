using DistillPlatform.Contracts.Pool;

namespace DistillPlatform.Contracts.Pipeline;

/// <summary>The checkpoint pool stage: <see cref="Runs"/> classifiers, keeping the epochs <see cref="Keep"/> selects.</summary>
public sealed record PipelinePoolSpec(int Runs, KeptEpochsSpec Keep, PoolHeadSpec Head, PoolTrainingSpec Training);
