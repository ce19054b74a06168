using DistillPlatform.Hosting.Orchestration;
using DistillPlatform.Hosting.Resources;

namespace DistillPlatform.Hosting.Tests;

/// <summary>
/// A shell process whose SIGTERM handler takes <see cref="ShutdownWork"/> to finish (as a service storing a checkpoint
/// does) and then writes <see cref="FinishedMarker"/>. Healthy once the handler is installed.
/// </summary>
internal sealed class SlowStoppingResource(string name) : Resource(name)
{
    /// <summary>Longer than a 1 s timeout, well within a 30 s one.</summary>
    public static readonly TimeSpan ShutdownWork = TimeSpan.FromSeconds(3);

    private string? _directory;

    /// <summary>Written at the end of the SIGTERM handler.</summary>
    public string FinishedMarker => Path.Combine(_directory!, "finished");

    private string ReadyMarker => Path.Combine(_directory!, "ready");

    public override IReadOnlyList<EndpointRequest> EndpointRequests => [];

    public override IReadOnlyDictionary<string, string> DescribeEndpoints() => new Dictionary<string, string>();

    public override void CheckPrerequisites(HostingContext context)
    {
    }

    public override Task InitializeAsync(HostingContext context, ResourceLog log, CancellationToken cancellationToken)
    {
        _directory = Directory.CreateDirectory(context.ResourceDirectory(Name)).FullName;
        return Task.CompletedTask;
    }

    public override ProcessLaunch CreateLaunch(HostingContext context)
    {
        // The handler's sleep starts after the signal, so it is not hit by the SIGTERM sent to the whole group.
        string script = $"trap 'sleep {ShutdownWork.TotalSeconds:0}; touch finished; exit 0' TERM; touch ready; while true; do sleep 0.1; done";
        return new ProcessLaunch("sh", ["-c", script], _directory!, new Dictionary<string, string>());
    }

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Task.FromResult(File.Exists(ReadyMarker));
}
