using DistillPlatform.Dashboard.Resources;
using DistillPlatform.Hosting.Resources;
using DistillPlatform.Hosting.Testing;

namespace DistillPlatform.Hosting.Tests;

/// <summary>WithShutdownTimeout: the grace period between SIGTERM and SIGKILL when a resource is stopped.</summary>
public sealed class ShutdownTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_resource_gets_its_kinds_grace_period_unless_the_apphost_sets_one()
    {
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions());
        var broker = builder.AddRabbitMQ("messaging");
        var plain = builder.AddProject("plain", "src/Services/Sampling");
        var patient = builder.AddProject("patient", "src/Services/Distillation").WithShutdownTimeout(TimeSpan.FromSeconds(60));

        Assert.Equal(TimeSpan.FromSeconds(30), broker.Resource.StopGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(10), plain.Resource.StopGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(60), patient.Resource.StopGracePeriod);
        // The AppHost's choice wins over a kind's own default too.
        Assert.Equal(TimeSpan.FromSeconds(45), broker.WithShutdownTimeout(TimeSpan.FromSeconds(45)).Resource.StopGracePeriod);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(3601)]
    public void A_grace_period_outside_one_second_to_one_hour_is_refused(double seconds)
    {
        var builder = new DistributedApplicationBuilder(new DistributedApplicationOptions());
        var project = builder.AddProject("distillation", "src/Services/Distillation");

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => project.WithShutdownTimeout(TimeSpan.FromSeconds(seconds)));

        Assert.Contains("'distillation'", error.Message);
        Assert.Contains("between SIGTERM and SIGKILL", error.Message);
        Assert.Equal(TimeSpan.FromSeconds(10), project.Resource.StopGracePeriod);
    }

    [Fact]
    public async Task A_process_that_needs_longer_than_the_default_to_stop_finishes_its_shutdown_within_its_timeout()
    {
        var (app, stopper) = await StartAsync(TimeSpan.FromSeconds(30));
        await using var _ = app;

        await app.ExecuteAsync(stopper.Name, ResourceCommand.Stop);

        Assert.True(File.Exists(stopper.FinishedMarker), "the process was killed before its SIGTERM handler finished");
        Assert.DoesNotContain(app.GetLogs(stopper.Name), line => line.Text.Contains("did not stop within"));
    }

    [Fact]
    public async Task A_process_that_outlives_its_timeout_is_killed()
    {
        var (app, stopper) = await StartAsync(TimeSpan.FromSeconds(1));
        await using var _ = app;

        await app.ExecuteAsync(stopper.Name, ResourceCommand.Stop);

        Assert.False(File.Exists(stopper.FinishedMarker), "the SIGTERM handler finished although it needs longer than the timeout");
        Assert.Contains(app.GetLogs(stopper.Name), line => line.Text.Contains("did not stop within 1s"));
    }

    private static async Task<(DistributedApplication App, SlowStoppingResource Stopper)> StartAsync(TimeSpan shutdownTimeout)
    {
        var stopper = new SlowStoppingResource("slow-stopper");
        var app = await DistributedApplicationTestingBuilder.CreateAsync(
            builder => builder.AddResource(stopper).WithShutdownTimeout(shutdownTimeout));
        try
        {
            await app.StartAsync();
            using var timeout = new CancellationTokenSource(Timeout);
            await app.WaitForHealthyAsync(stopper.Name, timeout.Token);
            return (app, stopper);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
