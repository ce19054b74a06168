namespace DistillPlatform.Features.DemoCorpus;

/// <summary>
/// How big a demo corpus to generate: every speaker says the same <see cref="SentencesPerSpeaker"/> sentences in every
/// emotion (as in acted corpora such as EmoDB), so utterances = speakers × classes × sentences.
/// </summary>
public sealed record DemoCorpusPreset(string Name, int SpeakerCount, int SentencesPerSpeaker)
{
    /// <summary>8 speakers × 4 classes × 4 sentences = 128 utterances; a few seconds to generate, for tests.</summary>
    public static DemoCorpusPreset Small { get; } = new("small", 8, 4);

    /// <summary>10 speakers × 4 classes × 15 sentences = 600 utterances; the corpus of the main demo.</summary>
    public static DemoCorpusPreset Default { get; } = new("default", 10, 15);

    public static IReadOnlyList<DemoCorpusPreset> All { get; } = [Small, Default];

    public int UtteranceCount => SpeakerCount * EmotionStyle.All.Count * SentencesPerSpeaker;

    /// <summary>Looks a preset up by name ("small", "default"), case-insensitively.</summary>
    public static DemoCorpusPreset FromName(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown demo corpus preset '{name}'. Known presets: {string.Join(", ", All.Select(p => p.Name))}.", nameof(name));

    internal void Validate()
    {
        if (SpeakerCount < 1 || SpeakerCount > DemoSpeaker.All.Count)
        {
            throw new ArgumentException(
                $"Demo corpus preset '{Name}' asks for {SpeakerCount} speakers; between 1 and {DemoSpeaker.All.Count} are available.");
        }
        if (SentencesPerSpeaker < 1 || SentencesPerSpeaker > DemoSentences.All.Count)
        {
            throw new ArgumentException(
                $"Demo corpus preset '{Name}' asks for {SentencesPerSpeaker} sentences per speaker; between 1 and {DemoSentences.All.Count} are available.");
        }
    }
}
