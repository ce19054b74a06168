namespace DistillPlatform.Contracts.Sampling;

/// <summary>The queue the sampling service reads <see cref="SampleSyntheticSet"/> commands from.</summary>
public static class SamplingQueue
{
    public const string Name = "sample-synthetic-set";

    public static Uri Address { get; } = new($"queue:{Name}");
}
