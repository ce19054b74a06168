using DistillPlatform.Features.DemoCorpus;

namespace DistillPlatform.Features.Tests.DemoCorpus;

/// <summary>The "small" preset generated once for all the tests that only read it.</summary>
public sealed class SmallDemoCorpusFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();

    public GeneratedDemoCorpus Corpus { get; private set; } = null!;

    /// <summary>labels.csv rows without the header: (path, label, speaker).</summary>
    public IReadOnlyList<(string Path, string Label, string Speaker)> Rows { get; private set; } = [];

    public string[] ManifestLines { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Corpus = await DemoCorpusGenerator.EnsureAsync(new DemoCorpusOptions(_folder.Path) { Preset = DemoCorpusPreset.Small, Seed = 3 });
        ManifestLines = await File.ReadAllLinesAsync(Corpus.ManifestPath);
        Rows = ManifestLines.Skip(1).Select(line => line.Split(',')).Select(f => (f[0], f[1], f[2])).ToArray();
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
