using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Distillation;
using DistillPlatform.Distillation.Tests.Library;
using DistillPlatform.Hosting;
using DistillPlatform.Services.Distillation;
using DistillPlatform.Testing;

namespace DistillPlatform.Distillation.Tests.Service;

/// <summary>
/// A broker, an object store and the distillation service started as in the AppHost (<see cref="SingleServicePlatform"/>,
/// so a killed service process is restarted as in production, with the platform model's 60 s shutdown timeout); a toy feature set and a checkpoint pool trained on it,
/// stored where the service looks for them; a client that sends and publishes commands and records every event.
/// </summary>
public sealed class DistillationServiceFixture : IAsyncLifetime
{
    public const string ServiceName = "distillation";

    /// <summary>The platform model's grace between SIGTERM and SIGKILL for distillation (time to store a checkpoint).</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Progress every 200 ms instead of every 2 s, so that a stop lands a known number of steps into a job whether the
    /// machine trains hundreds of steps a second or a few: a test can then size its job to finish in time on both.
    /// </summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    private SingleServicePlatform? _platform;

    public ToyFeatureSet FeatureSet { get; } = new(id: "toy-service-set", utterancesPerClass: 8);

    public string PoolId { get; } = "pool-toy-service";

    /// <summary>
    /// Outcomes (GeneratorDistilled, DistillationFailed, DistillationCancelled), progress and faults by request; every
    /// message is kept, since the tests check that a request got exactly one outcome.
    /// </summary>
    public RequestOutcomes<DistillationProgress> Outcomes { get; } = new();

    public DistributedApplication App => _platform!.App;

    public IArtifactStore Store => _platform!.Store;

    public async Task InitializeAsync()
    {
        _platform = await SingleServicePlatform.StartAsync(ServiceName, "src/Services/Distillation", endpoint =>
        {
            endpoint.RecordOutcome(Outcomes, (GeneratorDistilled e) => e.RequestId);
            endpoint.RecordOutcome(Outcomes, (DistillationFailed e) => e.RequestId);
            endpoint.RecordOutcome(Outcomes, (DistillationCancelled e) => e.RequestId);
            endpoint.RecordProgress(Outcomes, (DistillationProgress e) => e.RequestId);
            endpoint.RecordFault(Outcomes, (DistillGenerator c) => c.RequestId);
        }, service => service
            .WithShutdownTimeout(ShutdownTimeout)
            // One intra-op torch thread, as the platform model gives every service and as in this process
            // (TestThreads): the cpu-tiny steps are tiny, and on a shared two-core machine a second thread spinning on
            // them made each step seconds instead of milliseconds.
            .WithEnvironment("DISTILL_TORCH_THREADS", "1")
            .WithEnvironment($"{DistillationServiceOptions.Section}__{nameof(DistillationServiceOptions.ProgressInterval)}", ProgressInterval.ToString("c")));

        var folders = new ArtifactFolders(Store);
        await folders.UploadAsync(StoredGenerators.FeatureSetFolder(FeatureSet.Reader.Manifest.Id), FeatureSet.Folder);
        await folders.UploadAsync(StoredGenerators.PoolFolder(PoolId), ToyPool.Train(FeatureSet));
    }

    public Task SendAsync(DistillGenerator command) => _platform!.SendAsync(DistillationQueue.Address, command);

    public Task PublishAsync(CancelDistillation command) => _platform!.PublishAsync(command);

    public async Task DisposeAsync()
    {
        if (_platform is not null) await _platform.DisposeAsync();
        FeatureSet.Dispose();
    }
}
