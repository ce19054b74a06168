using DistillPlatform.Features.Audio;
using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.DemoCorpus;
using DistillPlatform.Features.Extraction;
using DistillPlatform.Features.Tests.DemoCorpus;

namespace DistillPlatform.Features.Tests.Extraction;

/// <summary>
/// The small demo corpus, generated once, and one extraction of it shared by the tests that only read the result.
/// Silence trimming is off so frame counts can be checked against the WAV durations.
/// </summary>
public sealed class ExtractionFixture : IAsyncLifetime
{
    /// <summary>More workers than cores, so utterances finish out of order and the ordered writing is exercised.</summary>
    public const int SeveralWorkers = 4;

    private readonly TemporaryFolder _folder = new();

    public GeneratedDemoCorpus Corpus { get; private set; } = null!;

    /// <summary>labels.csv lines, header first.</summary>
    public string[] ManifestLines { get; private set; } = [];

    public FeatureExtractionRequest Request { get; private set; } = null!;

    public FeatureExtractionResult Result { get; private set; } = null!;

    /// <summary>Every progress report of the shared extraction, in order.</summary>
    public IReadOnlyList<ExtractionProgress> ProgressReports { get; private set; } = [];

    /// <summary>A fresh folder for a test's own outputs, deleted with the fixture.</summary>
    public string NewFolder()
    {
        string path = Path.Combine(_folder.Path, "work-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public FeatureExtractionRequest RequestFor(string manifestPath, bool skipBadRows = false) =>
        Request with { Corpus = Request.Corpus with { ManifestPath = manifestPath, AudioRoot = Corpus.Directory, SkipBadRows = skipBadRows } };

    public async Task InitializeAsync()
    {
        Corpus = await DemoCorpusGenerator.EnsureAsync(
            new DemoCorpusOptions(Path.Combine(_folder.Path, "corpus")) { Preset = DemoCorpusPreset.Small, Seed = 3 });
        ManifestLines = await File.ReadAllLinesAsync(Corpus.ManifestPath);
        Request = new FeatureExtractionRequest(new CorpusRequest(
            Corpus.ManifestPath,
            LabelMapping.FromManifest(),
            SpeakerIndependentSplitPolicy.WithTestFraction(0.25, devFraction: 0.2, seed: 5)))
        {
            Preprocessing = new AudioPreprocessing(TrimSilence: false),
        };
        var recorder = new ProgressRecorder();
        Result = await new FeatureExtractor(new FeatureExtractorOptions { MaxParallelism = SeveralWorkers })
            .ExtractAsync(Request, Path.Combine(_folder.Path, "features"), recorder);
        ProgressReports = recorder.Reports;
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
