using System.Text;
using DistillPlatform.AppHost;
using DistillPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;

namespace DistillPlatform.AppHost.Tests;

/// <summary>
/// A service host built with AddServiceDefaults, in the test process, against the platform's real broker: a consumer
/// that always throws is retried per <see cref="ServiceDefaultsExtensions.RetryIntervals"/>, then its message lands in
/// the endpoint's _error queue carrying the exception.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ErrorQueueTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_message_whose_consumer_throws_lands_in_the_error_queue_with_the_exception()
    {
        var queue = $"always-failing-{Guid.NewGuid():N}";
        var connectionString = platform.App.GetConnectionString(PlatformModel.Messaging);
        var attempts = new AttemptCounter();

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:messaging"] = connectionString;
        builder.Configuration["OTEL_SERVICE_NAME"] = "error-queue-test";
        builder.Logging.ClearProviders(); // the expected retry and fault logs would only clutter the test output
        builder.Services.AddSingleton(attempts);
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddServiceDefaults(bus => bus.AddConsumer<AlwaysFailingConsumer>().Endpoint(e => e.Name = queue));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var bus = host.Services.GetRequiredService<IBus>();
            var endpoint = await bus.GetSendEndpoint(new Uri($"queue:{queue}"));
            await endpoint.Send(new FailingWork("disk full"));

            var faulted = await WaitForMessageAsync(connectionString, $"{queue}_error", TimeSpan.FromSeconds(60));

            var headers = faulted.BasicProperties.Headers!;
            Assert.Equal("Simulated failure: disk full", HeaderText(headers, "MT-Fault-Message"));
            Assert.Equal(typeof(InvalidOperationException).FullName, HeaderText(headers, "MT-Fault-ExceptionType"));
            Assert.Contains("disk full", Encoding.UTF8.GetString(faulted.Body.Span));
            // The first delivery plus one per retry interval.
            Assert.Equal(1 + ServiceDefaultsExtensions.RetryIntervals.Length, attempts.Count);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Polls the queue (a real broker condition) until a message is there or the timeout passes.</summary>
    private static async Task<BasicGetResult> WaitForMessageAsync(string connectionString, string queue, TimeSpan timeout)
    {
        var factory = new ConnectionFactory { Uri = new Uri(connectionString) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await channel.BasicGetAsync(queue, autoAck: true) is { } message) return message;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // The error queue is declared on the first fault; until then the broker closes the channel (404).
                await channel.DisposeAsync();
                return await WaitForMessageAsync(connectionString, queue, deadline - DateTime.UtcNow);
            }
        }

        throw new TimeoutException($"No message arrived in '{queue}' within {timeout.TotalSeconds:0}s.");
    }

    private static string? HeaderText(IDictionary<string, object?> headers, string name) =>
        headers.TryGetValue(name, out var value) && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString();

    public sealed record FailingWork(string Reason);

    public sealed class AttemptCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);
    }

    public sealed class AlwaysFailingConsumer(AttemptCounter attempts) : IConsumer<FailingWork>
    {
        public Task Consume(ConsumeContext<FailingWork> context)
        {
            attempts.Increment();
            throw new InvalidOperationException($"Simulated failure: {context.Message.Reason}");
        }
    }
}
