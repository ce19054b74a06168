using DistillPlatform.Services.Distillation;

namespace DistillPlatform.Distillation.Tests.Service;

public sealed class RunningDistillationsTests
{
    [Fact]
    public void Cancelling_a_running_job_cancels_its_token_with_the_reason()
    {
        var running = new RunningDistillations();
        var requestId = Guid.NewGuid();
        using var job = running.Start(requestId);

        Assert.False(job.IsCancelled);
        Assert.True(running.Cancel(requestId, "user asked"));
        Assert.True(job.Token.IsCancellationRequested);
        Assert.Equal("user asked", job.Reason);
        Assert.False(running.Cancel(Guid.NewGuid(), null));
    }

    [Fact]
    public void A_cancellation_before_the_job_starts_stops_it_at_start_and_an_ended_job_is_not_running()
    {
        var running = new RunningDistillations();
        var requestId = Guid.NewGuid();

        Assert.False(running.Cancel(requestId, "too late to queue"));
        using (var job = running.Start(requestId))
        {
            Assert.True(job.IsCancelled);
            Assert.Equal("too late to queue", job.Reason);
        }

        using var again = running.Start(requestId);
        Assert.False(again.IsCancelled);
    }
}
