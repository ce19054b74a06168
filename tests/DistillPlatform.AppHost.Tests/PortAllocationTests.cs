using System.Globalization;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Testing;

namespace DistillPlatform.AppHost.Tests;

public sealed class PortAllocationTests
{
    [Fact]
    public async Task Ports_are_picked_below_the_range_the_kernel_uses_for_outgoing_connections()
    {
        // Read here independently of the orchestrator: "32768	60999" on a default Linux.
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            builder.AddRabbitMQ("messaging");
            builder.AddObjectStore("objectstore");
        });

        await app.StartAsync();
        var states = await Task.WhenAll(new[] { "messaging", "objectstore" }.Select(name =>
            app.WaitForResourceAsync(name, state => state.Endpoints.Count > 0)));

        var ports = states.SelectMany(s => s.Endpoints.Values)
            .Select(address => new Uri(address.Split(' ')[0]).Port)
            .ToArray();
        Assert.Equal(3, ports.Length); // amqp, management, s3
        Assert.All(ports, port => Assert.InRange(port, 20000, ephemeralStart - 1));
    }
}
