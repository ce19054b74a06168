using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DistillPlatform.Hosting;
using DistillPlatform.Hosting.Resources;
using DistillPlatform.Hosting.Testing;

namespace DistillPlatform.AppHost.Tests;

/// <summary>Mistakes in the environment fail the start at once, before any process is launched, with a clear message.</summary>
public sealed class StartupErrorTests
{
    [Fact]
    public async Task A_taken_port_fails_fast_naming_the_resource_and_the_port()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var takenPort = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
        {
            builder.AddRabbitMQ("messaging");
            builder.AddObjectStore("objectstore", port: takenPort);
        });

        var error = await Assert.ThrowsAsync<PortConflictException>(() => app.StartAsync());
        Assert.Equal("objectstore", error.ResourceName);
        Assert.Equal(takenPort, error.Port);
        Assert.Contains($"127.0.0.1:{takenPort}", error.Message);
        Assert.Contains("already in use", error.Message);
    }

    [Fact]
    public async Task A_missing_broker_names_the_bootstrap_step_that_installs_it()
    {
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
            builder.AddResource(new RabbitMqResource("messaging") { ServerPath = "/nonexistent/rabbitmq-server" }));

        var error = await Assert.ThrowsAsync<MissingDependencyException>(() => app.StartAsync());
        Assert.Contains("/nonexistent/rabbitmq-server", error.Message);
        Assert.Contains("scripts/bootstrap.sh (step apt)", error.Message);
    }

    [Fact]
    public async Task A_resource_that_exits_before_it_is_healthy_fails_with_its_last_log_lines()
    {
        // "false" exits at once with code 1, so the broker never answers AMQP.
        await using var app = await DistributedApplicationTestingBuilder.CreateAsync(builder =>
            builder.AddResource(new RabbitMqResource("messaging") { ServerPath = "/bin/false" }));
        await app.StartAsync();

        var error = await Assert.ThrowsAsync<ResourceStartupException>(() => app.WaitForHealthyAsync("messaging"));
        Assert.Equal("messaging", error.ResourceName);
        Assert.Contains("exited with code 1 before it became healthy", error.Message);
        Assert.Contains("started pid", error.Message); // the last log lines are part of the message
        Assert.Equal(ResourceStatus.Failed, app.GetResourceState("messaging").Status);
    }

    [Fact]
    public async Task A_state_folder_used_by_a_running_apphost_is_refused()
    {
        var state = Directory.CreateTempSubdirectory("distill-apphost-test-inuse-").FullName;
        // Any live process other than this one stands in for the AppHost that owns the folder.
        using var owner = Process.Start(new ProcessStartInfo("sleep", ["300"]))!;
        try
        {
            File.WriteAllText(Path.Combine(state, "endpoints.json"), $$"""{"appHostProcessId": {{owner.Id}}}""");
            await using var app = await DistributedApplicationTestingBuilder.CreateAsync(
                builder => builder.AddObjectStore("objectstore"),
                options => options.StateDirectory = state);

            var error = await Assert.ThrowsAsync<StateFolderInUseException>(() => app.StartAsync());
            Assert.Contains($"pid {owner.Id}", error.Message);
            Assert.Contains("--state DIR", error.Message);
        }
        finally
        {
            owner.Kill();
            Directory.Delete(state, recursive: true);
        }
    }
}
