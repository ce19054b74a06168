using System.Globalization;

namespace DistillPlatform.Emotion.Pool;

/// <summary>
/// Which epochs of a pool run are kept as checkpoints: every k-th epoch, or an explicit list. Epochs a run never
/// reaches (early stopping) are simply not kept.
/// </summary>
public sealed record CheckpointSchedule
{
    private readonly int _every;
    private readonly int[] _epochs;

    private CheckpointSchedule(int every, int[] epochs, string canonical)
    {
        _every = every;
        _epochs = epochs;
        Canonical = canonical;
    }

    /// <summary>Epochs k, 2k, 3k, ...</summary>
    public static CheckpointSchedule EveryEpochs(int k)
    {
        if (k < 1)
            throw new ArgumentOutOfRangeException(nameof(k), k, "Keep every k-th epoch needs k ≥ 1.");
        return new CheckpointSchedule(k, [], "every-" + k.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Exactly these (1-based) epochs.</summary>
    public static CheckpointSchedule AtEpochs(params int[] epochs)
    {
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Length == 0 || epochs.Any(e => e < 1))
            throw new ArgumentException($"List at least one epoch, each ≥ 1; got [{string.Join(", ", epochs)}].", nameof(epochs));
        int[] sorted = epochs.Distinct().Order().ToArray();
        return new CheckpointSchedule(0, sorted, "epochs-" + string.Join(",", sorted.Select(e => e.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>Stable text form ("every-5", "epochs-10,20,30"), recorded in the pool index.</summary>
    public string Canonical { get; }

    public bool Keeps(int epoch) => _every > 0 ? epoch % _every == 0 : Array.BinarySearch(_epochs, epoch) >= 0;

    public bool Equals(CheckpointSchedule? other) => other is not null && Canonical == other.Canonical;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);

    public override string ToString() => Canonical;
}
