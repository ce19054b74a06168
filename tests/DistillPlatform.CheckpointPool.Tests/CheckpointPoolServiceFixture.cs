using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Pool;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.DemoCorpus;
using DistillPlatform.Features.Extraction;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Testing;

namespace DistillPlatform.CheckpointPool.Tests;

/// <summary>
/// A broker, an object store and the checkpoint pool service started as in the AppHost; two feature sets of the small
/// demo corpus extracted in-process and stored under <c>features/&lt;id&gt;/</c> (one with a dev split, one without);
/// a client bus that sends commands and records the service's outcomes; and an artifact store client.
/// </summary>
public sealed class CheckpointPoolServiceFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("distill-pool-service-tests-").FullName;
    private SingleServicePlatform? _platform;

    public RequestOutcomes<CheckpointPoolProgress> Outcomes { get; } = new();

    public IArtifactStore Store => _platform!.Store;

    /// <summary>Feature set with train, dev and test splits.</summary>
    public FeatureExtractionResult WithDev { get; private set; } = null!;

    /// <summary>Feature set with train and test splits only.</summary>
    public FeatureExtractionResult WithoutDev { get; private set; } = null!;

    /// <summary>A fresh folder for a test's own files, deleted with the fixture.</summary>
    public string NewFolder() => Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName;

    public async Task SendAsync(TrainCheckpointPool command)
    {
        await _platform!.SendAsync(CheckpointPoolQueue.Address, command);
    }

    public async Task InitializeAsync()
    {
        var corpus = await DemoCorpusGenerator.EnsureAsync(
            new DemoCorpusOptions(Path.Combine(_folder, "corpus")) { Preset = DemoCorpusPreset.Small, Seed = 3 });
        var extractor = new FeatureExtractor(new FeatureExtractorOptions());
        WithDev = await ExtractAsync(extractor, corpus, devFraction: 0.2);
        WithoutDev = await ExtractAsync(extractor, corpus, devFraction: 0);

        _platform = await SingleServicePlatform.StartAsync("checkpoint-pool", "src/Services/CheckpointPool", endpoint =>
        {
            endpoint.RecordOutcome(Outcomes, (CheckpointPoolTrained e) => e.RequestId);
            endpoint.RecordOutcome(Outcomes, (CheckpointPoolFailed e) => e.RequestId);
            endpoint.RecordProgress(Outcomes, (CheckpointPoolProgress e) => e.RequestId);
            endpoint.RecordFault(Outcomes, (TrainCheckpointPool c) => c.RequestId);
        });
        var folders = new ArtifactFolders(Store);
        foreach (var featureSet in new[] { WithDev, WithoutDev })
            await folders.UploadAsync(FeatureSetFolder(featureSet.Manifest.Id), featureSet.Directory);
    }

    /// <summary>The documented place of a feature set in the object store.</summary>
    public static ArtifactFolder FeatureSetFolder(string featureSetId) => new(FeatureSetLayout.StoragePrefix, featureSetId, FeatureSetLayout.ManifestFileName);

    public async Task DisposeAsync()
    {
        if (_platform is not null) await _platform.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<FeatureExtractionResult> ExtractAsync(FeatureExtractor extractor, GeneratedDemoCorpus corpus, double devFraction)
    {
        var request = new FeatureExtractionRequest(new CorpusRequest(
            corpus.ManifestPath,
            LabelMapping.FromManifest(),
            SpeakerIndependentSplitPolicy.WithTestFraction(0.25, devFraction, seed: 5)));
        return await extractor.ExtractAsync(request, Path.Combine(_folder, $"features-dev{devFraction}"));
    }
}
