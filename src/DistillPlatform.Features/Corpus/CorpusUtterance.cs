namespace DistillPlatform.Features.Corpus;

/// <summary>
/// One utterance accepted into a resolved corpus. <see cref="Id"/> is the manifest path as written (unique, and it
/// leads straight back to the row); <see cref="AudioPath"/> the full path; <see cref="SourceLabel"/> the label as
/// written, <see cref="ClassIndex"/> its position in the resolved class list after renaming.
/// </summary>
public sealed record CorpusUtterance(
    string Id,
    string AudioPath,
    int LineNumber,
    string SourceLabel,
    int ClassIndex,
    string Speaker,
    int SpeakerIndex,
    DataSplit Split);
