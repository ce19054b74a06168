using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Sampling;
using DistillPlatform.Gan.Artifacts;
using DistillPlatform.Services.Sampling;
using DistillPlatform.Testing;

namespace DistillPlatform.Sampling.Tests;

/// <summary>
/// A broker, an object store and the sampling service started as in the AppHost; a tiny generator stored under
/// <c>generators/&lt;id&gt;/</c> as the distillation service stores it (checkpoint files, then generator.json); a client
/// bus that sends commands and records the service's outcomes; and an artifact store client.
/// </summary>
public sealed class SamplingServiceFixture : IAsyncLifetime
{
    public const string GeneratorId = "gen-tiny-service";

    private readonly string _folder = Directory.CreateTempSubdirectory("distill-sampling-service-tests-").FullName;
    private SingleServicePlatform? _platform;

    /// <summary>Outcomes by request id; the sampling service publishes no progress events.</summary>
    public RequestOutcomes<object> Outcomes { get; } = new();

    public IArtifactStore Store => _platform!.Store;

    public GeneratorManifest Generator { get; private set; } = null!;

    /// <summary>The local copy of the stored generator folder.</summary>
    public string GeneratorFolder => Path.Combine(_folder, "generator");

    /// <summary>A fresh folder for a test's own files, deleted with the fixture.</summary>
    public string NewFolder() => Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName;

    public Task SendAsync(SampleSyntheticSet command) => _platform!.SendAsync(SamplingQueue.Address, command);

    public async Task InitializeAsync()
    {
        Generator = TinyGenerator.Create(GeneratorFolder, GeneratorId);
        _platform = await SingleServicePlatform.StartAsync("sampling", "src/Services/Sampling", endpoint =>
        {
            endpoint.RecordOutcome(Outcomes, (SyntheticSetSampled e) => e.RequestId);
            endpoint.RecordOutcome(Outcomes, (SamplingFailed e) => e.RequestId);
            endpoint.RecordFault(Outcomes, (SampleSyntheticSet c) => c.RequestId);
        });
        await new ArtifactFolders(Store).UploadAsync(StoredGenerators.FolderOf(GeneratorId), GeneratorFolder);
    }

    public async Task DisposeAsync()
    {
        if (_platform is not null) await _platform.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
