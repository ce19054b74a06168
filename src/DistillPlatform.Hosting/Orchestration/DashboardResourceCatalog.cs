using DistillPlatform.Dashboard.Resources;
using DistillPlatform.Hosting.Resources;

namespace DistillPlatform.Hosting.Orchestration;

/// <summary>The orchestrator as the dashboard sees it: its runners' states, their commands, logs and the broker.</summary>
internal sealed class DashboardResourceCatalog(IReadOnlyList<ResourceRunner> runners) : IResourceCatalog
{
    public BrokerManagementApi? Broker { get; } =
        runners.Select(r => r.Resource).OfType<RabbitMqResource>().FirstOrDefault()?.ManagementApi;

    public IReadOnlyList<ResourceView> GetResources() => runners.Select(View).ToArray();

    public Task ExecuteAsync(string resourceName, ResourceCommand command, CancellationToken cancellationToken) =>
        Find(resourceName) is { } runner
            ? runner.ExecuteAsync(command)
            : throw new KeyNotFoundException($"No resource named '{resourceName}'.");

    public string? ConsoleLogPath(string resourceName) => Find(resourceName)?.Log.FilePath;

    private ResourceRunner? Find(string name) => runners.FirstOrDefault(r => r.Resource.Name == name);

    private static ResourceView View(ResourceRunner runner)
    {
        var state = runner.State;
        // The orchestrator probes health while a process starts; once healthy it watches the process itself.
        var health = state.Status switch
        {
            ResourceStatus.Healthy => "Healthy",
            ResourceStatus.Failed or ResourceStatus.Restarting => "Unhealthy",
            _ => "Unknown",
        };
        IReadOnlyList<ResourceCommand> commands = state.Status is ResourceStatus.Stopped or ResourceStatus.Failed
            ? [ResourceCommand.Start]
            : [ResourceCommand.Stop, ResourceCommand.Restart];
        return new ResourceView(state.Name, runner.Resource.TypeName, state.Status.ToString(), health, state.ProcessId,
            state.Endpoints, state.RestartCount, state.StartedAt, state.Error, commands);
    }
}
