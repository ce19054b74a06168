namespace DistillPlatform.Features.Corpus;

/// <summary>
/// A validated corpus ready for feature extraction: the classes in index order, the speakers (sorted ordinally;
/// <see cref="CorpusUtterance.SpeakerIndex"/> points into this list), every accepted utterance with its split, and
/// the validation report (which lists skipped rows when bad rows were skipped).
/// </summary>
public sealed record ResolvedCorpus(
    CorpusRequest Request,
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> Speakers,
    IReadOnlyList<CorpusUtterance> Utterances,
    CorpusValidationReport Report)
{
    public IEnumerable<CorpusUtterance> InSplit(DataSplit split) => Utterances.Where(u => u.Split == split);

    /// <summary>Utterances per class (aligned with <see cref="Classes"/>) in one split.</summary>
    public int[] ClassCounts(DataSplit split)
    {
        var counts = new int[Classes.Count];
        foreach (CorpusUtterance utterance in InSplit(split))
        {
            counts[utterance.ClassIndex]++;
        }
        return counts;
    }

    /// <summary>The distinct speakers of one split, sorted.</summary>
    public IReadOnlyList<string> SpeakersIn(DataSplit split) =>
        InSplit(split).Select(u => u.Speaker).Distinct().Order(StringComparer.Ordinal).ToArray();
}
