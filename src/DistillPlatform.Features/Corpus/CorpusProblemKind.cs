namespace DistillPlatform.Features.Corpus;

/// <summary>What is wrong with a corpus. Row problems can be skipped on request; corpus-wide problems cannot.</summary>
public enum CorpusProblemKind
{
    // Row problems: the row can be left out and the rest of the corpus still makes sense.
    MalformedRow,
    EmptyPath,
    MissingFile,
    UnreadableAudio,
    EmptyLabel,
    UnknownLabel,
    EmptySpeaker,
    UnknownSplit,
    DuplicatePath,

    // Corpus-wide problems: skipping rows cannot fix them, the request or the manifest must change.
    SpeakerInSeveralSplits,
    ClassWithoutTrainingExample,
    UnknownTestSpeaker,
    TooFewSpeakers,
    MissingSplitColumn,
    EmptyCorpus,
}
