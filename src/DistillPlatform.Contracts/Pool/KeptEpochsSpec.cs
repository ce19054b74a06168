namespace DistillPlatform.Contracts.Pool;

/// <summary>
/// Which epochs of each run are kept as checkpoints: every <see cref="Every"/>-th epoch, or exactly the 1-based
/// <see cref="Epochs"/>. Exactly one of the two is set.
/// </summary>
public sealed record KeptEpochsSpec(int? Every, IReadOnlyList<int>? Epochs)
{
    public static KeptEpochsSpec EveryEpochs(int k) => new(k, null);

    public static KeptEpochsSpec AtEpochs(params int[] epochs) => new(null, epochs);
}
