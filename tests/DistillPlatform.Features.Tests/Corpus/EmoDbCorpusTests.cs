using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.Tests.Corpus;

/// <summary>
/// The real EmoDB manifest (535 rows, 10 speakers, 7 labels) at &lt;repo&gt;/../shared/data/emodb. Expected counts
/// were computed independently from labels.csv with awk.
/// </summary>
public class EmoDbCorpusTests
{
    private static readonly LabelMapping FourClasses = LabelMapping.Keep("neutral", "happy", "sad", "angry");

    private static string EmoDbManifest()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DistillPlatform.sln")))
        {
            directory = directory.Parent;
        }
        Assert.True(directory is not null, $"no DistillPlatform.sln above {AppContext.BaseDirectory}");
        string manifest = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", "emodb", "labels.csv"));
        Assert.True(File.Exists(manifest), $"EmoDB manifest expected at {manifest} (<repo root>/../shared/data/emodb/labels.csv)");
        return manifest;
    }

    [Fact]
    public void Manifest_has_535_rows_10_speakers_and_7_labels()
    {
        CorpusManifest manifest = CorpusManifest.Load(EmoDbManifest());

        Assert.Equal(535, manifest.Rows.Count);
        Assert.Equal(10, manifest.Rows.Select(r => r.Speaker).Distinct().Count());
        Assert.Equal(7, manifest.Rows.Select(r => r.Label).Distinct().Count());
        Assert.False(manifest.HasSplitColumn);
    }

    [Fact]
    public void Four_classes_with_test_speakers_03_and_08()
    {
        var request = new CorpusRequest(EmoDbManifest(), FourClasses,
            SpeakerIndependentSplitPolicy.WithTestSpeakers(["emodb_03", "emodb_08"], devFraction: 0, seed: 1));

        ResolvedCorpus corpus = new CorpusResolver().Resolve(request);

        Assert.False(corpus.Report.HasProblems, corpus.Report.Describe());
        Assert.Equal(new[] { "neutral", "happy", "sad", "angry" }, corpus.Classes);
        Assert.Equal(339, corpus.Utterances.Count);
        Assert.Equal(new[] { 58, 53, 46, 101 }, corpus.ClassCounts(DataSplit.Train));
        Assert.Equal(new[] { 21, 18, 16, 26 }, corpus.ClassCounts(DataSplit.Test));
        Assert.Equal(new[] { "emodb_03", "emodb_08" }, corpus.SpeakersIn(DataSplit.Test));
        Assert.Equal(8, corpus.SpeakersIn(DataSplit.Train).Count);
        Assert.Equal(new Dictionary<string, int> { ["boredom"] = 81, ["disgust"] = 46, ["fearful"] = 69 }, corpus.Report.RowsDroppedByLabel);
    }

    [Fact]
    public void A_dev_fraction_moves_the_rounded_share_of_each_training_class()
    {
        var request = new CorpusRequest(EmoDbManifest(), FourClasses,
            SpeakerIndependentSplitPolicy.WithTestSpeakers(["emodb_03", "emodb_08"], devFraction: 0.1, seed: 42));

        ResolvedCorpus corpus = new CorpusResolver().Resolve(request);

        // round(0.1 × [58, 53, 46, 101]) = [6, 5, 5, 10]
        Assert.Equal(new[] { 6, 5, 5, 10 }, corpus.ClassCounts(DataSplit.Dev));
        Assert.Equal(new[] { 52, 48, 41, 91 }, corpus.ClassCounts(DataSplit.Train));
        Assert.Equal(new[] { 21, 18, 16, 26 }, corpus.ClassCounts(DataSplit.Test));
        Assert.DoesNotContain("emodb_03", corpus.SpeakersIn(DataSplit.Dev));
        Assert.DoesNotContain("emodb_08", corpus.SpeakersIn(DataSplit.Dev));
    }
}
