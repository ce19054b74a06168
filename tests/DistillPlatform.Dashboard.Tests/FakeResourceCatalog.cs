using DistillPlatform.Dashboard.Resources;

namespace DistillPlatform.Dashboard.Tests;

/// <summary>A fixed list of resources standing in for the orchestrator; records the commands it receives.</summary>
public sealed class FakeResourceCatalog(string logDirectory) : IResourceCatalog
{
    public List<(string Resource, ResourceCommand Command)> Commands { get; } = [];

    public BrokerManagementApi? Broker => null;

    public IReadOnlyList<ResourceView> GetResources() =>
    [
        new("messaging", "RabbitMQ", "Healthy", "Healthy", 4242, new Dictionary<string, string> { ["amqp"] = "amqp://127.0.0.1:5672/" },
            0, DateTimeOffset.UtcNow.AddMinutes(-3), null, [ResourceCommand.Stop, ResourceCommand.Restart]),
    ];

    public Task ExecuteAsync(string resourceName, ResourceCommand command, CancellationToken cancellationToken)
    {
        if (resourceName != "messaging") throw new KeyNotFoundException($"No resource named '{resourceName}'.");
        Commands.Add((resourceName, command));
        return Task.CompletedTask;
    }

    public string? ConsoleLogPath(string resourceName) =>
        resourceName == "messaging" ? Path.Combine(logDirectory, "messaging.log") : null;
}
