using DistillPlatform.AppHost;
using DistillPlatform.Contracts.Diagnostics;
using MassTransit;

namespace DistillPlatform.AppHost.Tests;

[Collection(PlatformCollection.Name)]
public sealed class MessageRoundTripTests(PlatformFixture platform)
{
    [Fact]
    public async Task Relay_ping_travels_between_two_service_processes_and_keeps_the_trace_id()
    {
        using var activity = PlatformFixture.TestSource.StartActivity("relay-round-trip");
        Assert.NotNull(activity);
        var expectedTraceId = activity.TraceId.ToHexString();

        var client = platform.Bus.CreateRequestClient<RelayPing>(
            DiagnosticsQueue.AddressFor("feature-extraction"), RequestTimeout.After(s: 60));
        var answer = (await client.GetResponse<RelayPong>(new RelayPing("checkpoint-pool"))).Message;

        Assert.Equal("feature-extraction", answer.Relay.Service);
        Assert.Equal("checkpoint-pool", answer.Target.Service);
        // Answered by the two processes the AppHost runs, not by anything in the test process.
        Assert.Equal(platform.App.GetResourceState("feature-extraction").ProcessId, answer.Relay.ProcessId);
        Assert.Equal(platform.App.GetResourceState("checkpoint-pool").ProcessId, answer.Target.ProcessId);
        Assert.NotEqual(answer.Relay.InstanceId, answer.Target.InstanceId);
        // One trace from the test, through the relaying service, to the target service.
        Assert.Equal(expectedTraceId, answer.Relay.TraceId);
        Assert.Equal(expectedTraceId, answer.Target.TraceId);
    }

    [Fact]
    public async Task Every_service_answers_ping_with_its_own_identity()
    {
        var answers = await Task.WhenAll(PlatformModel.Services.Select(platform.PingAsync));

        Assert.Equal(PlatformModel.Services, answers.Select(a => a.Service));
        Assert.Equal(PlatformModel.Services.Length, answers.Select(a => a.InstanceId).Distinct().Count());
        foreach (var answer in answers)
        {
            Assert.Equal(platform.App.GetResourceState(answer.Service).ProcessId, answer.ProcessId);
        }
    }
}
