namespace DistillPlatform.Features.Corpus;

/// <summary>
/// One problem found while validating a corpus. <see cref="LineNumber"/> is the manifest line (header = line 1)
/// and <see cref="Path"/> the row's audio path as written; both are null for corpus-wide problems.
/// </summary>
public sealed record CorpusProblem(int? LineNumber, string? Path, CorpusProblemKind Kind, string Message)
{
    /// <summary>Whether leaving the row out resolves the problem (see <see cref="CorpusRequest.SkipBadRows"/>).</summary>
    public bool IsSkippable => Kind is CorpusProblemKind.MalformedRow or CorpusProblemKind.EmptyPath or CorpusProblemKind.MissingFile
        or CorpusProblemKind.UnreadableAudio or CorpusProblemKind.EmptyLabel or CorpusProblemKind.UnknownLabel
        or CorpusProblemKind.EmptySpeaker or CorpusProblemKind.UnknownSplit or CorpusProblemKind.DuplicatePath;

    /// <summary>e.g. "line 12 (wav/03a01Fa.wav): MissingFile: audio file not found at /data/wav/03a01Fa.wav".</summary>
    public override string ToString()
    {
        string where = LineNumber is null ? "corpus" : $"line {LineNumber}";
        if (!string.IsNullOrEmpty(Path))
        {
            where += $" ({Path})";
        }
        return $"{where}: {Kind}: {Message}";
    }
}
