using DistillPlatform.Services.Distillation;

namespace DistillPlatform.Distillation.Tests.Service;

public sealed class ProgressMeterTests
{
    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualTime : TimeProvider
    {
        public long Ticks { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Ticks;

        public void Advance(TimeSpan by) => Ticks += by.Ticks;
    }

    [Fact]
    public void Speed_and_time_left_come_from_the_recent_steps()
    {
        var time = new ManualTime();
        var meter = new ProgressMeter(totalSteps: 100, time);

        meter.Record(1);
        Assert.Null(meter.EstimatedRemaining);
        // 2 steps per second for the next 30 steps; only the last 20 intervals count.
        for (int step = 2; step <= 31; step++)
        {
            time.Advance(TimeSpan.FromSeconds(0.5));
            meter.Record(step);
        }
        time.Advance(TimeSpan.FromSeconds(1));
        meter.Record(32);

        // Window: steps 12..32 over 19 × 0.5 s + 1 s = 10.5 s.
        Assert.Equal(20 / 10.5, meter.StepsPerSecond, 9);
        Assert.Equal(68 / (20 / 10.5), meter.EstimatedRemaining!.Value.TotalSeconds, 6);
    }

    [Fact]
    public void Events_are_due_for_the_first_step_the_last_and_otherwise_every_two_seconds()
    {
        var time = new ManualTime();
        var meter = new ProgressMeter(totalSteps: 10, time);
        var due = new List<int>();

        for (int step = 1; step <= 10; step++)
        {
            if (meter.Record(step))
                due.Add(step);
            time.Advance(TimeSpan.FromSeconds(0.7));
        }

        // Step 1 at 0 s, step 4 at 2.1 s, step 7 at 4.2 s, step 10 is the last.
        Assert.Equal([1, 4, 7, 10], due);
    }
}
