using System.Diagnostics;
using DistillPlatform.Hosting;

namespace DistillPlatform.AppHost.Tests;

[Collection(PlatformCollection.Name)]
public sealed class ServiceRestartTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_killed_service_process_is_restarted_and_serves_messages_again()
    {
        const string service = "sampling";
        var before = await platform.PingAsync(service);
        var killedProcessId = platform.App.GetResourceState(service).ProcessId!.Value;
        var restartsBefore = platform.App.GetResourceState(service).RestartCount;

        using (var process = Process.GetProcessById(killedProcessId)) process.Kill();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var restarted = await platform.App.WaitForResourceAsync(service,
            state => state.Status == ResourceStatus.Healthy && state.RestartCount > restartsBefore
                                                          && state.ProcessId != killedProcessId,
            timeout.Token);

        var after = await platform.PingAsync(service);
        Assert.Equal(restarted.ProcessId, after.ProcessId);
        Assert.NotEqual(before.InstanceId, after.InstanceId);
        Assert.Contains(platform.App.GetLogs(service), line => line.Text.Contains("exited unexpectedly"));
    }
}
