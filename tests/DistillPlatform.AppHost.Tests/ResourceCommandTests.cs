using DistillPlatform.Dashboard.Resources;
using DistillPlatform.Hosting;

namespace DistillPlatform.AppHost.Tests;

/// <summary>The commands behind the dashboard's stop, start and restart buttons, on real service processes.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ResourceCommandTests(PlatformFixture platform)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_stopped_service_has_no_process_until_it_is_started_again()
    {
        const string service = "distillation";
        var before = platform.App.GetResourceState(service);

        await platform.App.ExecuteAsync(service, ResourceCommand.Stop);

        var stopped = platform.App.GetResourceState(service);
        Assert.Equal((ResourceStatus.Stopped, null, null), (stopped.Status, stopped.ProcessId, stopped.StartedAt));
        Assert.Throws<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(before.ProcessId!.Value));
        var stopAgain = await Assert.ThrowsAsync<InvalidOperationException>(() => platform.App.ExecuteAsync(service, ResourceCommand.Stop));
        Assert.Contains("is not running", stopAgain.Message);

        await platform.App.ExecuteAsync(service, ResourceCommand.Start);
        using var timeout = new CancellationTokenSource(Timeout);
        var started = await platform.App.WaitForResourceAsync(service, s => s.Status == ResourceStatus.Healthy, timeout.Token);

        Assert.NotEqual(before.ProcessId, started.ProcessId);
        Assert.True(started.StartedAt > before.StartedAt);
        // A restart a user asked for is not one the orchestrator had to make after a crash.
        Assert.Equal(before.RestartCount, started.RestartCount);
        Assert.Equal(started.ProcessId, (await platform.PingAsync(service)).ProcessId);
        var startAgain = await Assert.ThrowsAsync<InvalidOperationException>(() => platform.App.ExecuteAsync(service, ResourceCommand.Start));
        Assert.Contains("already running", startAgain.Message);
        Assert.Contains(platform.App.GetLogs(service), line => line.Text == "stop requested by a user");
    }

    [Fact]
    public async Task A_restarted_service_answers_from_a_new_process()
    {
        const string service = "evaluation";
        var before = await platform.PingAsync(service);

        await platform.App.ExecuteAsync(service, ResourceCommand.Restart);
        using var timeout = new CancellationTokenSource(Timeout);
        var restarted = await platform.App.WaitForResourceAsync(service, s => s.Status == ResourceStatus.Healthy, timeout.Token);

        var after = await platform.PingAsync(service);
        Assert.Equal(restarted.ProcessId, after.ProcessId);
        Assert.NotEqual(before.ProcessId, after.ProcessId);
        Assert.NotEqual(before.InstanceId, after.InstanceId);
    }
}
