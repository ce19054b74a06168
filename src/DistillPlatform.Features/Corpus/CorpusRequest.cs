namespace DistillPlatform.Features.Corpus;

/// <summary>
/// Everything that decides which utterances of a corpus are used and how: the manifest, the label mapping, the
/// split policy, and whether bad rows are skipped (reported) instead of failing the request.
/// <see cref="AudioRoot"/> defaults to the manifest's folder.
/// </summary>
public sealed record CorpusRequest(
    string ManifestPath,
    LabelMapping Labels,
    SplitPolicy Split,
    bool SkipBadRows = false,
    string? AudioRoot = null)
{
    /// <summary>
    /// Stable text form of the parts that shape the result (not the paths: the same corpus at another location is
    /// the same data, which the corpus content hash captures).
    /// </summary>
    public string Canonical => $"corpus({Labels.Canonical},{Split.Canonical},skip-bad-rows={(SkipBadRows ? "true" : "false")})";
}
