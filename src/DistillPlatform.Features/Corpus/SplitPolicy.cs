namespace DistillPlatform.Features.Corpus;

/// <summary>How utterances are assigned to train, dev and test.</summary>
public abstract record SplitPolicy
{
    /// <summary>Stable text form used in artifact ids.</summary>
    public abstract string Canonical { get; }

    public sealed override string ToString() => Canonical;
}

/// <summary>The manifest's <c>split</c> column decides (values train, dev, test).</summary>
public sealed record ManifestSplitPolicy : SplitPolicy
{
    public override string Canonical => "split(manifest)";
}

/// <summary>
/// Speaker-independent evaluation: every utterance of a test speaker is in test, no test speaker is in train or dev.
/// Test speakers are named (<see cref="TestSpeakers"/>) or a fraction of the speakers is drawn with
/// <see cref="Seed"/>. Dev is <see cref="DevFraction"/> of the training utterances, drawn per class (stratified)
/// with the same seed; dev therefore shares speakers with train on purpose: it selects models for the training
/// population, while test measures generalisation to unseen speakers.
/// </summary>
public sealed record SpeakerIndependentSplitPolicy : SplitPolicy
{
    private SpeakerIndependentSplitPolicy(IReadOnlyList<string>? testSpeakers, double testSpeakerFraction, double devFraction, int seed)
    {
        if (devFraction is < 0 or >= 1 || double.IsNaN(devFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(devFraction), devFraction, "The dev fraction must be in [0, 1).");
        }
        TestSpeakers = testSpeakers?.Order(StringComparer.Ordinal).ToArray();
        TestSpeakerFraction = testSpeakerFraction;
        DevFraction = devFraction;
        Seed = seed;
        string test = TestSpeakers is null
            ? "test-fraction=" + CanonicalText.Number(testSpeakerFraction)
            : "test=" + CanonicalText.List(TestSpeakers);
        Canonical = $"split(speaker-independent,{test},dev={CanonicalText.Number(devFraction)},seed={seed})";
    }

    /// <summary>Test = every utterance of the named speakers (as written in the manifest's speaker column).</summary>
    public static SpeakerIndependentSplitPolicy WithTestSpeakers(IEnumerable<string> testSpeakers, double devFraction, int seed)
    {
        string[] speakers = testSpeakers.ToArray();
        if (speakers.Length == 0 || speakers.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one test speaker, none of them empty.", nameof(testSpeakers));
        }
        if (speakers.Distinct(StringComparer.Ordinal).Count() != speakers.Length)
        {
            throw new ArgumentException($"Test speakers are listed more than once: {string.Join(", ", speakers)}.", nameof(testSpeakers));
        }
        return new SpeakerIndependentSplitPolicy(speakers, 0, devFraction, seed);
    }

    /// <summary>Test = round(fraction × speaker count) speakers (at least one, never all) drawn with the seed.</summary>
    public static SpeakerIndependentSplitPolicy WithTestFraction(double testSpeakerFraction, double devFraction, int seed)
    {
        if (testSpeakerFraction is <= 0 or >= 1 || double.IsNaN(testSpeakerFraction))
        {
            throw new ArgumentOutOfRangeException(nameof(testSpeakerFraction), testSpeakerFraction, "The test speaker fraction must be in (0, 1).");
        }
        return new SpeakerIndependentSplitPolicy(null, testSpeakerFraction, devFraction, seed);
    }

    /// <summary>Named test speakers (sorted), or null when they are drawn by fraction.</summary>
    public IReadOnlyList<string>? TestSpeakers { get; }

    /// <summary>Fraction of speakers drawn for test; only used when <see cref="TestSpeakers"/> is null.</summary>
    public double TestSpeakerFraction { get; }

    public double DevFraction { get; }

    public int Seed { get; }

    public override string Canonical { get; }

    public bool Equals(SpeakerIndependentSplitPolicy? other) => other is not null && Canonical == other.Canonical;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);
}
