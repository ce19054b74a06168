using System.Security.Cryptography;
using DistillPlatform.Features.DemoCorpus;

namespace DistillPlatform.Features.Tests.DemoCorpus;

public class DemoCorpusGenerationTests
{
    /// <summary>2 speakers × 4 classes × 1 sentence: enough to check behaviour, quick to synthesise.</summary>
    private static readonly DemoCorpusPreset Tiny = new("tiny", 2, 1);

    private static Dictionary<string, string> FileHashes(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != DemoCorpusGenerator.MarkerFileName)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    [Fact]
    public async Task Same_seed_gives_byte_identical_files_and_another_seed_different_audio()
    {
        using var first = new TemporaryFolder();
        using var second = new TemporaryFolder();
        using var other = new TemporaryFolder();

        var a = await DemoCorpusGenerator.EnsureAsync(new DemoCorpusOptions(first.Path) { Preset = Tiny, Seed = 7 });
        var b = await DemoCorpusGenerator.EnsureAsync(new DemoCorpusOptions(second.Path) { Preset = Tiny, Seed = 7, MaxParallelism = 1 });
        var c = await DemoCorpusGenerator.EnsureAsync(new DemoCorpusOptions(other.Path) { Preset = Tiny, Seed = 8 });

        var hashesA = FileHashes(first.Path);
        Assert.Equal(1 + 8, hashesA.Count); // manifest + 8 WAV files
        Assert.Equal(hashesA, FileHashes(second.Path));
        Assert.Equal(a.ConfigurationHash, b.ConfigurationHash);

        Assert.NotEqual(a.ConfigurationHash, c.ConfigurationHash);
        var hashesC = FileHashes(other.Path);
        var sharedWavs = hashesA.Keys.Intersect(hashesC.Keys).Where(k => k.EndsWith(".wav", StringComparison.Ordinal)).ToArray();
        Assert.All(sharedWavs, k => Assert.NotEqual(hashesA[k], hashesC[k]));
    }

    [Fact]
    public async Task An_existing_corpus_with_the_same_preset_and_seed_is_reused_without_synthesis()
    {
        using var folder = new TemporaryFolder();
        var created = await DemoCorpusGenerator.EnsureAsync(new DemoCorpusOptions(folder.Path) { Preset = Tiny, Seed = 1 });
        var before = FileHashes(folder.Path);

        // A missing espeak-ng would fail any synthesis, so success here proves nothing was regenerated.
        var reused = await DemoCorpusGenerator.EnsureAsync(
            new DemoCorpusOptions(folder.Path) { Preset = Tiny, Seed = 1, EspeakExecutable = "/nonexistent/espeak-ng" });

        Assert.True(created.WasGenerated);
        Assert.False(reused.WasGenerated);
        Assert.Equal(created with { WasGenerated = false }, reused);
        Assert.Equal(before, FileHashes(folder.Path));
    }

    [Fact]
    public async Task A_different_seed_or_a_missing_marker_regenerates_and_replaces_old_files()
    {
        using var folder = new TemporaryFolder();
        await DemoCorpusGenerator.EnsureAsync(new DemoCorpusOptions(folder.Path) { Preset = Tiny, Seed = 1 });
        var stale = Path.Combine(folder.Path, "wav", "stale.wav");
        await File.WriteAllTextAsync(stale, "left over from an older corpus");
        var keep = Path.Combine(folder.Path, "notes.txt");
        await File.WriteAllTextAsync(keep, "the caller's own file");

        var reseeded = await DemoCorpusGenerator.EnsureAsync(new DemoCorpusOptions(folder.Path) { Preset = Tiny, Seed = 2 });
        Assert.True(reseeded.WasGenerated);
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(keep));

        File.Delete(Path.Combine(folder.Path, DemoCorpusGenerator.MarkerFileName));
        var afterInterruption = await DemoCorpusGenerator.EnsureAsync(new DemoCorpusOptions(folder.Path) { Preset = Tiny, Seed = 2 });
        Assert.True(afterInterruption.WasGenerated);
    }

    [Fact]
    public async Task Missing_espeak_ng_fails_with_a_message_that_says_how_to_fix_it()
    {
        using var folder = new TemporaryFolder();
        var options = new DemoCorpusOptions(folder.Path) { Preset = Tiny, EspeakExecutable = "/nonexistent/espeak-ng" };

        var error = await Assert.ThrowsAsync<DemoCorpusException>(() => DemoCorpusGenerator.EnsureAsync(options));

        Assert.Contains("'/nonexistent/espeak-ng' could not be started", error.Message);
        Assert.Contains("apt-get install espeak-ng", error.Message);
        Assert.Contains("EspeakExecutable", error.Message);
        Assert.False(File.Exists(Path.Combine(folder.Path, DemoCorpusGenerator.MarkerFileName)));
    }

    [Fact]
    public async Task A_failing_synthesiser_reports_its_exit_code()
    {
        using var folder = new TemporaryFolder();
        var options = new DemoCorpusOptions(folder.Path) { Preset = Tiny, EspeakExecutable = "/bin/false" };

        var error = await Assert.ThrowsAsync<DemoCorpusException>(() => DemoCorpusGenerator.EnsureAsync(options));

        Assert.Contains("failed with exit code 1", error.Message);
    }

    [Fact]
    public void Presets_are_found_by_name_and_impossible_sizes_are_rejected()
    {
        Assert.Same(DemoCorpusPreset.Small, DemoCorpusPreset.FromName("SMALL"));
        Assert.Same(DemoCorpusPreset.Default, DemoCorpusPreset.FromName("default"));
        Assert.Equal(8 * 4 * 4, DemoCorpusPreset.Small.UtteranceCount);
        Assert.Equal(10 * 4 * 15, DemoCorpusPreset.Default.UtteranceCount);
        Assert.Contains("Known presets: small, default", Assert.Throws<ArgumentException>(() => DemoCorpusPreset.FromName("huge")).Message);
    }

    [Fact]
    public async Task A_preset_asking_for_more_speakers_than_exist_is_rejected()
    {
        using var folder = new TemporaryFolder();
        var options = new DemoCorpusOptions(folder.Path) { Preset = new DemoCorpusPreset("crowd", 500, 1) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => DemoCorpusGenerator.EnsureAsync(options));

        Assert.Contains("500 speakers", error.Message);
    }
}
