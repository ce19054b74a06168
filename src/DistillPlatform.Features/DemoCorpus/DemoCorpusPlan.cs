namespace DistillPlatform.Features.DemoCorpus;

/// <summary>Draws every utterance's recipe for a preset and seed. Same preset and seed, same recipes.</summary>
internal static class DemoCorpusPlan
{
    // Separate random streams, so that e.g. changing how sentences are picked does not reshuffle the prosody draws.
    private const int SentenceStream = 1;
    private const int ProsodyStream = 2;

    public static IReadOnlyList<UtteranceRecipe> Create(DemoCorpusPreset preset, int seed)
    {
        preset.Validate();
        var recipes = new List<UtteranceRecipe>(preset.UtteranceCount);
        for (var s = 0; s < preset.SpeakerCount; s++)
        {
            var speaker = DemoSpeaker.All[s];
            var sentences = PickSentences(preset.SentencesPerSpeaker, UtteranceRandom.For(seed, SentenceStream, s));
            foreach (var style in EmotionStyle.All)
            {
                for (var t = 0; t < sentences.Count; t++)
                {
                    var random = UtteranceRandom.For(seed, ProsodyStream, recipes.Count);
                    var path = $"wav/{speaker.Id}_{style.Label}_{sentences[t]:D2}.wav";
                    recipes.Add(Draw(path, speaker, style, DemoSentences.All[sentences[t]], random));
                }
            }
        }
        return recipes;
    }

    /// <summary>
    /// Each speaker says its own subset of the sentences, and says every one of them in every emotion, so the words
    /// carry no information about the label.
    /// </summary>
    private static IReadOnlyList<int> PickSentences(int count, UtteranceRandom random)
    {
        var order = Enumerable.Range(0, DemoSentences.All.Count).ToArray();
        for (var i = order.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Take(count).Order().ToArray();
    }

    private static UtteranceRecipe Draw(string path, DemoSpeaker speaker, EmotionStyle style, string text, UtteranceRandom random)
    {
        var rate = Math.Max(0.55, random.Gaussian(style.RateFactor, UtteranceVariation.RateFactor));
        return new UtteranceRecipe(
            RelativePath: path,
            Label: style.Label,
            SpeakerId: speaker.Id,
            Voice: speaker.Voice,
            Text: text,
            Pitch: ClampRound(random.Gaussian(speaker.BasePitch + style.PitchOffset, UtteranceVariation.PitchOffset), 0, 99),
            PitchRangePercent: ClampRound(random.Gaussian(style.PitchRangePercent, UtteranceVariation.PitchRangePercent), 20, 300),
            WordsPerMinute: ClampRound(speaker.BaseWordsPerMinute * rate, 90, 320),
            Amplitude: ClampRound(random.Gaussian(style.Amplitude, UtteranceVariation.Amplitude), 30, 200),
            WordGap: ClampRound(random.Gaussian(style.WordGap, UtteranceVariation.WordGap), 0, 8),
            Drive: Math.Max(1.0, random.Gaussian(style.Drive, UtteranceVariation.Drive)),
            Breathiness: Math.Max(0.0, random.Gaussian(style.Breathiness, UtteranceVariation.Breathiness)),
            TremoloDepth: Math.Clamp(random.Gaussian(style.TremoloDepth, UtteranceVariation.TremoloDepth), 0.0, 0.5),
            TremoloHz: random.Uniform(4, 6),
            Tilt: Math.Clamp(random.Gaussian(style.Tilt, UtteranceVariation.Tilt), -0.9, 0.9),
            SnrDb: random.Uniform(UtteranceVariation.MinSnrDb, UtteranceVariation.MaxSnrDb),
            GainDb: random.Uniform(-UtteranceVariation.GainRangeDb, UtteranceVariation.GainRangeDb),
            NoiseSeed: random.Next(int.MaxValue));
    }

    private static int ClampRound(double value, int min, int max) => (int)Math.Clamp(Math.Round(value), min, max);
}
