using System.Text.Json;
using System.Text.Json.Nodes;
using DistillPlatform.ServiceDefaults;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DistillPlatform.ServiceDefaults.Tests;

/// <summary>
/// <see cref="JobServiceExtensions.AddJobConsumer{TConsumer}"/> on MassTransit's in-memory test harness: the settings
/// are read back from the running bus's own probe (what MassTransit actually configured), and a message sent to the
/// queue reaches the consumer. The consumer reports what it received itself: the harness's own "consumed" query gives
/// up after a short spell without bus activity, which a loaded machine can exceed before the first message arrives.
/// </summary>
public sealed class JobServiceExtensionsTests
{
    private const string QueueName = "job-queue";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_job_consumer_takes_one_message_at_a_time_from_its_named_queue()
    {
        await using var provider = BuildProvider(bus => bus.AddJobConsumer<JobConsumer>(QueueName));
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        var transport = ReceiveTransportOf(harness.Bus, QueueName);
        Assert.Equal(1, (int)transport["concurrentMessageLimit"]!);

        var endpoint = await harness.Bus.GetSendEndpoint(new Uri($"queue:{QueueName}"));
        await endpoint.Send(new Job(42));
        var received = await provider.GetRequiredService<ReceivedJobs>().First.Task.WaitAsync(Timeout);
        Assert.Equal(42, received.Number);
    }

    [Fact]
    public async Task The_service_s_own_endpoint_settings_apply_on_top()
    {
        await using var provider = BuildProvider(bus => bus.AddJobConsumer<JobConsumer>(QueueName, endpoint => endpoint.PrefetchCount = 7));
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        var transport = ReceiveTransportOf(harness.Bus, QueueName);
        Assert.Equal(7, (int)transport["prefetchCount"]!);
        Assert.Equal(1, (int)transport["concurrentMessageLimit"]!);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void A_queue_needs_a_name(string queueName)
    {
        Exception? refusal = null;
        new ServiceCollection().AddMassTransitTestHarness(bus => refusal = Record.Exception(() => bus.AddJobConsumer<JobConsumer>(queueName)));

        Assert.IsAssignableFrom<ArgumentException>(refusal);
    }

    private static ServiceProvider BuildProvider(Action<IBusRegistrationConfigurator> configureBus) =>
        new ServiceCollection()
            .AddSingleton<ReceivedJobs>()
            .AddMassTransitTestHarness(configureBus)
            .BuildServiceProvider(validateScopes: true);

    /// <summary>The "receiveTransport" section of the named receive endpoint in the bus's probe (its diagnostic
    /// self-description), wherever in the probe's tree the endpoint is listed.</summary>
    private static JsonObject ReceiveTransportOf(IBus bus, string endpointName)
    {
        var probe = JsonNode.Parse(JsonSerializer.Serialize(bus.GetProbeResult().Results))!;
        var endpoint = Descendants(probe).OfType<JsonObject>()
            .Single(node => node["receiveTransport"] is JsonObject && (string?)node["name"] == endpointName);
        return endpoint["receiveTransport"]!.AsObject();
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(property => property.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }

    public sealed record Job(int Number);

    /// <summary>The first job the consumer received.</summary>
    public sealed class ReceivedJobs
    {
        public TaskCompletionSource<Job> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public sealed class JobConsumer(ReceivedJobs received) : IConsumer<Job>
    {
        public Task Consume(ConsumeContext<Job> context)
        {
            received.First.TrySetResult(context.Message);
            return Task.CompletedTask;
        }
    }
}
