namespace DistillPlatform.Services.Distillation;

/// <summary>
/// Training speed over the most recent steps of this attempt (so a slow start or a restart does not skew it) and the
/// time left at that speed; decides when a progress event is due: after the attempt's first step, at the last step,
/// and otherwise at most every <see cref="MinimumInterval"/>.
/// </summary>
/// <param name="minimumInterval">Least time between two events; <see cref="DefaultMinimumInterval"/> when null.</param>
public sealed class ProgressMeter(long totalSteps, TimeProvider? time = null, TimeSpan? minimumInterval = null)
{
    /// <summary>Often enough for a live view, rare enough that a fast run does not flood the broker.</summary>
    public static readonly TimeSpan DefaultMinimumInterval = TimeSpan.FromSeconds(2);

    public TimeSpan MinimumInterval { get; } = minimumInterval ?? DefaultMinimumInterval;

    /// <summary>Steps the speed is measured over.</summary>
    public const int Window = 20;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Queue<(long Step, long Timestamp)> _recent = new();
    private long? _lastReport;

    /// <summary>Steps per second over the recent window; 0 until two steps were seen.</summary>
    public double StepsPerSecond { get; private set; }

    /// <summary>Time to the last step at <see cref="StepsPerSecond"/>; null while the speed is unknown.</summary>
    public TimeSpan? EstimatedRemaining { get; private set; }

    /// <summary>Records that <paramref name="step"/> finished now; returns whether a progress event is due.</summary>
    public bool Record(long step)
    {
        long now = _time.GetTimestamp();
        _recent.Enqueue((step, now));
        while (_recent.Count > Window + 1)
            _recent.Dequeue();
        var (firstStep, firstTime) = _recent.Peek();
        double seconds = _time.GetElapsedTime(firstTime, now).TotalSeconds;
        if (step > firstStep && seconds > 0)
        {
            StepsPerSecond = (step - firstStep) / seconds;
            EstimatedRemaining = TimeSpan.FromSeconds((totalSteps - step) / StepsPerSecond);
        }

        bool due = _lastReport is null || step >= totalSteps || _time.GetElapsedTime(_lastReport.Value, now) >= MinimumInterval;
        if (due)
            _lastReport = now;
        return due;
    }
}
