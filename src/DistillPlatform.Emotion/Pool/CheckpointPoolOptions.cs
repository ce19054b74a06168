using DistillPlatform.Emotion.Models;
using DistillPlatform.Emotion.Training;

namespace DistillPlatform.Emotion.Pool;

/// <summary>
/// How to build a checkpoint pool: one training run per seed in <see cref="Seeds"/> (run r uses Seeds[r]), each
/// keeping the epochs <see cref="Keep"/> selects. <see cref="Training"/>'s own seed is replaced by the run's.
/// </summary>
public sealed record CheckpointPoolOptions(
    HeadConfig Head,
    EmotionTrainingOptions Training,
    IReadOnlyList<int> Seeds,
    CheckpointSchedule Keep)
{
    /// <summary>Seeds baseSeed, baseSeed + 1, ... for <paramref name="runs"/> runs.</summary>
    public static IReadOnlyList<int> SeedsFrom(int baseSeed, int runs)
    {
        if (runs < 1)
            throw new ArgumentOutOfRangeException(nameof(runs), runs, "A checkpoint pool needs at least one run.");
        return Enumerable.Range(0, runs).Select(r => checked(baseSeed + r)).ToArray();
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming what to fix.</summary>
    public void Validate(int classCount)
    {
        ArgumentNullException.ThrowIfNull(Head);
        ArgumentNullException.ThrowIfNull(Training);
        ArgumentNullException.ThrowIfNull(Keep);
        Head.Validate();
        Training.Validate(classCount);
        if (Seeds is null || Seeds.Count == 0)
            throw new ArgumentException("A checkpoint pool needs at least one seed (one training run per seed).");
        if (Seeds.Distinct().Count() != Seeds.Count)
            throw new ArgumentException($"Pool seeds must differ, or runs would be identical; got [{string.Join(", ", Seeds)}].");
    }
}
