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
/// queue reaches the consumer.
/// </summary>
public sealed class JobServiceExtensionsTests
{
    private const string QueueName = "job-queue";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_job_consumer_takes_one_message_at_a_time_from_its_named_queue()
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.AddJobConsumer<JobConsumer>(QueueName))
            .BuildServiceProvider(validateScopes: true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();

        var transport = ReceiveTransportOf(harness.Bus, QueueName);
        Assert.Equal(1, (int)transport["concurrentMessageLimit"]!);

        var endpoint = await harness.Bus.GetSendEndpoint(new Uri($"queue:{QueueName}"));
        await endpoint.Send(new Job(42));
        using var timeout = new CancellationTokenSource(Timeout);
        Assert.True(await harness.GetConsumerHarness<JobConsumer>().Consumed.Any<Job>(job => job.Context.Message.Number == 42, timeout.Token));
    }

    [Fact]
    public async Task The_service_s_own_endpoint_settings_apply_on_top()
    {
        await using var provider = new ServiceCollection()
            .AddMassTransitTestHarness(bus => bus.AddJobConsumer<JobConsumer>(QueueName, endpoint => endpoint.PrefetchCount = 7))
            .BuildServiceProvider(validateScopes: true);
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

    public sealed class JobConsumer : IConsumer<Job>
    {
        public Task Consume(ConsumeContext<Job> context) => Task.CompletedTask;
    }
}
