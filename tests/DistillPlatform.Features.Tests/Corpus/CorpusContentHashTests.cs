using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.Tests.Corpus;

public class CorpusContentHashTests
{
    private static readonly SplitPolicy Split = SpeakerIndependentSplitPolicy.WithTestSpeakers(["s2"], 0, 1);

    private static string HashOf(string manifestPath, LabelMapping? labels = null) =>
        CorpusContentHash.Compute(new CorpusResolver().Resolve(new CorpusRequest(manifestPath, labels ?? LabelMapping.FromManifest(), Split)));

    private static void WriteSmallCorpus(TemporaryCorpus corpus)
    {
        corpus.AddWave("wav/a.wav", 1);
        corpus.AddWave("wav/b.wav", 2);
        corpus.AddWave("wav/c.wav", 3);
        corpus.WriteManifest("path,label,speaker", "wav/a.wav,happy,s1", "wav/b.wav,happy,s2", "wav/c.wav,sad,s1");
    }

    [Fact]
    public void The_same_content_elsewhere_with_other_timestamps_hashes_the_same()
    {
        using var original = new TemporaryCorpus();
        using var copy = new TemporaryCorpus();
        WriteSmallCorpus(original);
        WriteSmallCorpus(copy);
        File.SetLastWriteTimeUtc(Path.Combine(copy.Root, "wav", "a.wav"), new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        string hash = HashOf(original.ManifestPath);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(hash, HashOf(copy.ManifestPath));
    }

    [Fact]
    public void Changing_one_audio_byte_or_one_label_changes_the_hash()
    {
        using var corpus = new TemporaryCorpus();
        WriteSmallCorpus(corpus);
        string before = HashOf(corpus.ManifestPath);

        string audio = Path.Combine(corpus.Root, "wav", "c.wav");
        byte[] bytes = File.ReadAllBytes(audio);
        bytes[^1] ^= 1;
        File.WriteAllBytes(audio, bytes);
        string afterAudioEdit = HashOf(corpus.ManifestPath);

        corpus.WriteManifest("path,label,speaker", "wav/a.wav,happy,s1", "wav/b.wav,happy,s2", "wav/c.wav,angry,s1");
        string afterLabelEdit = HashOf(corpus.ManifestPath);

        Assert.Equal(3, new[] { before, afterAudioEdit, afterLabelEdit }.Distinct().Count());
    }

    [Fact]
    public void Rows_left_out_by_the_label_filter_do_not_count()
    {
        using var corpus = new TemporaryCorpus();
        WriteSmallCorpus(corpus);
        LabelMapping happyOnly = LabelMapping.Keep("happy");
        string before = HashOf(corpus.ManifestPath, happyOnly);

        File.WriteAllBytes(Path.Combine(corpus.Root, "wav", "c.wav"), File.ReadAllBytes(Path.Combine(corpus.Root, "wav", "a.wav")));

        Assert.Equal(before, HashOf(corpus.ManifestPath, happyOnly));
        Assert.NotEqual(before, HashOf(corpus.ManifestPath));
    }
}
