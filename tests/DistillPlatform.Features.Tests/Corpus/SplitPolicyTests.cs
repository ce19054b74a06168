using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.Tests.Corpus;

public class SplitPolicyTests
{
    private static readonly string[] TenSpeakers = Enumerable.Range(1, 10).Select(i => $"spk{i:D2}").ToArray();
    private static readonly string[] ThreeLabels = ["angry", "happy", "sad"];

    private static ResolvedCorpus Resolve(string manifestPath, SplitPolicy split) =>
        new CorpusResolver().Resolve(new CorpusRequest(manifestPath, LabelMapping.FromManifest(), split));

    private static Dictionary<string, DataSplit> SplitById(ResolvedCorpus corpus) => corpus.Utterances.ToDictionary(u => u.Id, u => u.Split);

    [Fact]
    public void Named_test_speakers_take_all_their_utterances_and_nothing_else()
    {
        using var corpus = new TemporaryCorpus();
        string manifest = corpus.WriteBalanced(TenSpeakers, ThreeLabels, perLabel: 2);

        ResolvedCorpus resolved = Resolve(manifest, SpeakerIndependentSplitPolicy.WithTestSpeakers(["spk03", "spk08"], devFraction: 0, seed: 1));

        Assert.Equal(new[] { "spk03", "spk08" }, resolved.SpeakersIn(DataSplit.Test));
        Assert.Equal(2 * 3 * 2, resolved.InSplit(DataSplit.Test).Count());
        Assert.Equal(8 * 3 * 2, resolved.InSplit(DataSplit.Train).Count());
        Assert.Empty(resolved.InSplit(DataSplit.Dev));
    }

    [Fact]
    public void A_test_fraction_draws_rounded_fraction_of_speakers_reproducibly()
    {
        using var corpus = new TemporaryCorpus();
        string manifest = corpus.WriteBalanced(TenSpeakers, ThreeLabels, perLabel: 1);

        // 0.25 × 10 speakers = 2.5, rounded half away from zero: 3 speakers.
        var policy = SpeakerIndependentSplitPolicy.WithTestFraction(0.25, devFraction: 0.2, seed: 7);
        ResolvedCorpus first = Resolve(manifest, policy);
        ResolvedCorpus second = Resolve(manifest, SpeakerIndependentSplitPolicy.WithTestFraction(0.25, devFraction: 0.2, seed: 7));

        Assert.Equal(3, first.SpeakersIn(DataSplit.Test).Count);
        Assert.Equal(SplitById(first), SplitById(second));
        Assert.Empty(first.SpeakersIn(DataSplit.Test).Intersect(first.SpeakersIn(DataSplit.Train)));
        Assert.Empty(first.SpeakersIn(DataSplit.Test).Intersect(first.SpeakersIn(DataSplit.Dev)));
    }

    [Fact]
    public void Different_seeds_draw_different_test_speakers()
    {
        using var corpus = new TemporaryCorpus();
        string manifest = corpus.WriteBalanced(TenSpeakers, ThreeLabels, perLabel: 1);

        // 120 possible 3-of-10 draws; twenty seeds all drawing the same one would mean the seed is ignored.
        var draws = Enumerable.Range(1, 20)
            .Select(seed => string.Join(",", Resolve(manifest, SpeakerIndependentSplitPolicy.WithTestFraction(0.3, 0, seed)).SpeakersIn(DataSplit.Test)))
            .Distinct()
            .ToList();

        Assert.True(draws.Count > 1, $"every seed drew the same test speakers: {draws[0]}");
    }

    [Fact]
    public void Splits_do_not_depend_on_manifest_row_order()
    {
        using var corpus = new TemporaryCorpus();
        string manifest = corpus.WriteBalanced(TenSpeakers, ThreeLabels, perLabel: 3);
        var policy = SpeakerIndependentSplitPolicy.WithTestFraction(0.2, devFraction: 0.25, seed: 11);
        Dictionary<string, DataSplit> original = SplitById(Resolve(manifest, policy));

        string[] lines = File.ReadAllLines(manifest);
        File.WriteAllLines(manifest, lines.Take(1).Concat(lines.Skip(1).Reverse()));
        Dictionary<string, DataSplit> reversed = SplitById(Resolve(manifest, policy));

        Assert.Equal(original.OrderBy(p => p.Key, StringComparer.Ordinal), reversed.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Dev_takes_the_rounded_fraction_of_each_class_from_training_speakers()
    {
        using var corpus = new TemporaryCorpus();
        string manifest = corpus.WriteBalanced(["s1", "s2", "s3", "s4"], ThreeLabels, perLabel: 5);

        ResolvedCorpus resolved = Resolve(manifest, SpeakerIndependentSplitPolicy.WithTestSpeakers(["s4"], devFraction: 0.2, seed: 3));

        // Per class: 3 training speakers × 5 = 15 utterances, 0.2 × 15 = 3 go to dev, 12 stay in train.
        Assert.Equal(new[] { 3, 3, 3 }, resolved.ClassCounts(DataSplit.Dev));
        Assert.Equal(new[] { 12, 12, 12 }, resolved.ClassCounts(DataSplit.Train));
        Assert.Equal(new[] { 5, 5, 5 }, resolved.ClassCounts(DataSplit.Test));
        Assert.Subset(new HashSet<string> { "s1", "s2", "s3" }, resolved.SpeakersIn(DataSplit.Dev).ToHashSet());
        Assert.Equal(new[] { "s4" }, resolved.SpeakersIn(DataSplit.Test));
    }

    [Fact]
    public void Dev_always_leaves_one_training_example_per_class()
    {
        using var corpus = new TemporaryCorpus();
        corpus.AddWave("a.wav", 1);
        corpus.AddWave("b.wav", 2);
        corpus.AddWave("c.wav", 3);
        corpus.AddWave("d.wav", 4);
        corpus.WriteManifest("path,label,speaker", "a.wav,happy,s1", "b.wav,sad,s1", "c.wav,sad,s1", "d.wav,sad,s2");

        ResolvedCorpus resolved = Resolve(corpus.ManifestPath, SpeakerIndependentSplitPolicy.WithTestSpeakers(["s2"], devFraction: 0.9, seed: 5));

        // happy: 1 training utterance, round(0.9) = 1 would empty train, so 0 go to dev. sad: 2, round(1.8) = 2 capped at 1.
        Assert.Equal(new[] { 1, 1 }, resolved.ClassCounts(DataSplit.Train));
        Assert.Equal(new[] { 0, 1 }, resolved.ClassCounts(DataSplit.Dev));
    }

    [Fact]
    public void Unknown_test_speakers_are_reported_with_the_speakers_that_exist()
    {
        using var corpus = new TemporaryCorpus();
        string manifest = corpus.WriteBalanced(["emodb_03", "emodb_08"], ThreeLabels, perLabel: 1);

        var error = Assert.Throws<CorpusValidationException>(() =>
            Resolve(manifest, SpeakerIndependentSplitPolicy.WithTestSpeakers(["03", "emodb_08"], 0, 1)));

        CorpusProblem problem = Assert.Single(error.Report.Problems);
        Assert.Equal(
            new CorpusProblem(null, null, CorpusProblemKind.UnknownTestSpeaker,
                "test speaker '03' does not occur in the usable rows; speakers are: emodb_03, emodb_08"),
            problem);
    }

    [Fact]
    public void A_single_speaker_cannot_be_split_speaker_independently()
    {
        using var corpus = new TemporaryCorpus();
        string manifest = corpus.WriteBalanced(["only"], ThreeLabels, perLabel: 2);

        var error = Assert.Throws<CorpusValidationException>(() => Resolve(manifest, SpeakerIndependentSplitPolicy.WithTestFraction(0.5, 0, 1)));

        Assert.Equal(
            new CorpusProblem(null, null, CorpusProblemKind.TooFewSpeakers,
                "a speaker-independent split needs at least 2 speakers, the usable rows have 1 (only)"),
            Assert.Single(error.Report.Problems));
    }

    [Fact]
    public void Canonical_forms_are_fixed_strings_independent_of_listing_order()
    {
        Assert.Equal("split(manifest)", new ManifestSplitPolicy().Canonical);
        Assert.Equal("split(speaker-independent,test=[emodb_03,emodb_08],dev=0.1,seed=42)",
                     SpeakerIndependentSplitPolicy.WithTestSpeakers(["emodb_08", "emodb_03"], 0.1, 42).Canonical);
        Assert.Equal("split(speaker-independent,test-fraction=0.2,dev=0,seed=-3)",
                     SpeakerIndependentSplitPolicy.WithTestFraction(0.2, 0, -3).Canonical);
        Assert.Equal(SpeakerIndependentSplitPolicy.WithTestSpeakers(["b", "a"], 0.1, 1), SpeakerIndependentSplitPolicy.WithTestSpeakers(["a", "b"], 0.1, 1));
        Assert.NotEqual(SpeakerIndependentSplitPolicy.WithTestSpeakers(["a"], 0.1, 1), SpeakerIndependentSplitPolicy.WithTestSpeakers(["a"], 0.1, 2));
    }

    [Fact]
    public void Invalid_policies_are_refused_when_created()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpeakerIndependentSplitPolicy.WithTestFraction(1.0, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpeakerIndependentSplitPolicy.WithTestFraction(0.2, 1.0, 1));
        Assert.Throws<ArgumentException>(() => SpeakerIndependentSplitPolicy.WithTestSpeakers([], 0, 1));
        var duplicate = Assert.Throws<ArgumentException>(() => SpeakerIndependentSplitPolicy.WithTestSpeakers(["a", "a"], 0, 1));
        Assert.StartsWith("Test speakers are listed more than once: a, a.", duplicate.Message);
    }

    [Fact]
    public void SplitMix64_matches_the_reference_sequence()
    {
        // Reference values from the published SplitMix64 algorithm, computed independently with Python integers.
        var zero = new SeededRandom(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, zero.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, zero.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, zero.NextUInt64());
        Assert.Equal(0xBDD732262FEB6E95UL, new SeededRandom(42).NextUInt64());
        Assert.Equal(0xE4D971771B652C20UL, new SeededRandom(-1).NextUInt64());
    }
}
