using DistillPlatform.Artifacts;
using DistillPlatform.Contracts.Evaluation;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.DemoCorpus;
using DistillPlatform.Features.Extraction;
using DistillPlatform.Features.FeatureSets;
using DistillPlatform.Testing;

namespace DistillPlatform.Evaluation.Tests;

/// <summary>
/// A broker, an object store and the evaluation service started as in the AppHost; the small demo corpus's log-mel
/// features extracted in-process and stored under features/&lt;id&gt;/ as the extraction service stores them; a client
/// bus that sends commands and records the service's outcomes; and an artifact store client.
/// </summary>
public sealed class EvaluationServiceFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("distill-evaluation-service-tests-").FullName;
    private SingleServicePlatform? _platform;

    /// <summary>The stored real feature set (train, dev and test splits; 2 of 8 speakers held out for test).</summary>
    public FeatureSetManifest RealSet { get; private set; } = null!;

    /// <summary>The local folder of <see cref="RealSet"/>.</summary>
    public string RealSetDirectory { get; private set; } = null!;

    /// <summary>Outcomes by request id; the evaluation service publishes no progress events.</summary>
    public RequestOutcomes<object> Outcomes { get; } = new();

    /// <summary>A fresh folder for a test's own files, deleted with the fixture.</summary>
    public string NewFolder() => Path.Combine(_folder, Guid.NewGuid().ToString("N"));

    public IArtifactStore Store => _platform!.Store;

    public async Task SendAsync(EvaluateTrainingSet command)
    {
        await _platform!.SendAsync(EvaluationQueue.Address, command);
    }

    public async Task InitializeAsync()
    {
        var corpus = await DemoCorpusGenerator.EnsureAsync(
            new DemoCorpusOptions(Path.Combine(_folder, "corpus")) { Preset = DemoCorpusPreset.Small, Seed = 3 });
        var extracted = await new FeatureExtractor(new FeatureExtractorOptions { CreatedBy = "evaluation-service-tests" }).ExtractAsync(
            new FeatureExtractionRequest(new CorpusRequest(corpus.ManifestPath, LabelMapping.FromManifest(),
                SpeakerIndependentSplitPolicy.WithTestFraction(0.25, devFraction: 0.2, seed: 5))),
            Path.Combine(_folder, "features"));
        RealSet = extracted.Manifest;
        RealSetDirectory = extracted.Directory;

        _platform = await SingleServicePlatform.StartAsync("evaluation", "src/Services/Evaluation", endpoint =>
        {
            endpoint.RecordOutcome(Outcomes, (EvaluationCompleted e) => e.RequestId);
            endpoint.RecordOutcome(Outcomes, (EvaluationFailed e) => e.RequestId);
            endpoint.RecordFault(Outcomes, (EvaluateTrainingSet c) => c.RequestId);
        });
        await UploadFeatureSetAsync(extracted.Directory, RealSet);
    }

    /// <summary>Stores a feature set folder the way the extraction service does: every shard, then the manifest.</summary>
    public Task UploadFeatureSetAsync(string directory, FeatureSetManifest manifest) =>
        new ArtifactFolders(Store).UploadAsync(
            new ArtifactFolder(FeatureSetLayout.StoragePrefix, manifest.Id, FeatureSetLayout.ManifestFileName),
            directory,
            manifest.Splits.Values.SelectMany(split => split.Shards).Select(shard => shard.File));

    public async Task DisposeAsync()
    {
        if (_platform is not null) await _platform.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
