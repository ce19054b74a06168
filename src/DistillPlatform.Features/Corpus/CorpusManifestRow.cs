namespace DistillPlatform.Features.Corpus;

/// <summary>
/// One data row of a corpus manifest, exactly as written (values trimmed). <see cref="Path"/> is relative to the
/// corpus audio root unless absolute; <see cref="Split"/> is null when the manifest has no split column.
/// <see cref="FieldCountProblem"/> is set when the row does not have as many fields as the header.
/// </summary>
public sealed record CorpusManifestRow(
    int LineNumber,
    string Path,
    string Label,
    string Speaker,
    string? Split,
    string? FieldCountProblem = null);
