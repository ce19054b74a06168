namespace DistillPlatform.Contracts.Pool;

/// <summary>
/// Command to the checkpoint pool service: train <see cref="Runs"/> classifiers on the train split of feature set
/// <see cref="FeatureSetId"/> (stored under <c>features/&lt;id&gt;/manifest.json</c>) and keep the epochs
/// <see cref="Keep"/> selects, forming the pool the distillation matches against. Run r uses <see cref="Seeds"/>[r]
/// when seeds are given (then exactly <see cref="Runs"/> distinct ones), otherwise <see cref="BaseSeed"/> + r.
/// With <see cref="RequireDevSplit"/>, a feature set without a dev split is refused (dev UAR is what progress reports
/// and the pool index record per epoch). Answered by <see cref="CheckpointPoolTrained"/> (also when the same pool is
/// already stored) or <see cref="CheckpointPoolFailed"/>; <see cref="CheckpointPoolProgress"/> is published per epoch.
/// </summary>
public sealed record TrainCheckpointPool(
    Guid RequestId,
    string FeatureSetId,
    int Runs,
    KeptEpochsSpec Keep,
    PoolHeadSpec Head,
    PoolTrainingSpec Training,
    IReadOnlyList<int>? Seeds = null,
    int BaseSeed = 1,
    bool RequireDevSplit = true);
