using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Features;
using DistillPlatform.Features.DemoCorpus;
using DistillPlatform.Testing;

namespace DistillPlatform.FeatureExtraction.Tests;

/// <summary>
/// The small demo corpus, plus a broker, an object store and the feature extraction service started as in the
/// AppHost, a client bus that sends commands and records the service's outcomes, and an artifact store client.
/// </summary>
public sealed class FeatureExtractionServiceFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("distill-feature-service-tests-").FullName;
    private SingleServicePlatform? _platform;

    public GeneratedDemoCorpus Corpus { get; private set; } = null!;

    public RequestOutcomes<FeatureExtractionProgress> Outcomes { get; } = new();

    public IArtifactStore Store => _platform!.Store;

    /// <summary>A fresh folder for a test's own files, deleted with the fixture.</summary>
    public string NewFolder() => Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName;

    public async Task SendAsync(ExtractFeatures command)
    {
        await _platform!.SendAsync(FeatureExtractionQueue.Address, command);
    }

    public async Task InitializeAsync()
    {
        Corpus = await DemoCorpusGenerator.EnsureAsync(
            new DemoCorpusOptions(Path.Combine(_folder, "corpus")) { Preset = DemoCorpusPreset.Small, Seed = 3 });

        _platform = await SingleServicePlatform.StartAsync("feature-extraction", "src/Services/FeatureExtraction", endpoint =>
        {
            endpoint.RecordOutcome(Outcomes, (FeaturesExtracted e) => e.RequestId);
            endpoint.RecordOutcome(Outcomes, (FeatureExtractionFailed e) => e.RequestId);
            endpoint.RecordProgress(Outcomes, (FeatureExtractionProgress e) => e.RequestId);
            endpoint.RecordFault(Outcomes, (ExtractFeatures c) => c.RequestId);
        });

    }

    public async Task DisposeAsync()
    {
        if (_platform is not null) await _platform.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
