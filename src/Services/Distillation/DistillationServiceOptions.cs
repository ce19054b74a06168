namespace DistillPlatform.Services.Distillation;

/// <summary>
/// The service's own settings, from the configuration section <see cref="Section"/> (environment variables
/// <c>Distillation__KeptCheckpoints</c>, <c>Distillation__ProgressInterval</c>).
/// </summary>
public sealed class DistillationServiceOptions
{
    public const string Section = "Distillation";

    /// <summary>Complete checkpoints kept per job while it trains (see <see cref="GeneratorCheckpointStore"/>); at least 1.</summary>
    public int KeptCheckpoints { get; set; } = GeneratorCheckpointStore.DefaultKeptCheckpoints;

    /// <summary>Least time between two progress events of a job (see <see cref="ProgressMeter"/>); more than zero.</summary>
    public TimeSpan ProgressInterval { get; set; } = ProgressMeter.DefaultMinimumInterval;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the setting to fix.</summary>
    public DistillationServiceOptions Validate()
    {
        if (KeptCheckpoints < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(KeptCheckpoints), KeptCheckpoints,
                $"{Section}:{nameof(KeptCheckpoints)} is {KeptCheckpoints}; keeping no checkpoint would leave a stopped job nothing to resume from, so set it to 1 or more.");
        }
        if (ProgressInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval,
                $"{Section}:{nameof(ProgressInterval)} is {ProgressInterval}; give a positive time span such as 00:00:02.");
        }
        return this;
    }
}
