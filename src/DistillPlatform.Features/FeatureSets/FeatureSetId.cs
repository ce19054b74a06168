using DistillPlatform.Contracts.Artifacts;
using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.FeatureSets;

/// <summary>
/// The deterministic id of a real feature set: the same corpus content, label mapping, split policy, encoder and
/// preprocessing always give the same id, so the platform can reuse features instead of extracting them again,
/// and any change to one of them gives a new id. Whether bad rows were skipped is not part of it: the corpus
/// content hash covers exactly the rows used.
/// </summary>
public static class FeatureSetId
{
    private const string Domain = "distill-featureset-id/v1";
    private const string Prefix = "fs-";

    /// <summary>Hex digits of the SHA-256 kept in the id: 128 bits.</summary>
    private const int HashHexDigits = 32;

    /// <summary>
    /// "fs-" followed by the first 32 hex digits of a SHA-256 over the inputs, written as <see cref="ContentId.FromFields"/>
    /// describes (simple enough to recompute in any language; see the tests).
    /// </summary>
    public static string ForCorpus(
        string corpusContentHash,
        LabelMapping labels,
        SplitPolicy split,
        string encoderId,
        string encoderConfig,
        string preprocessing)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(corpusContentHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(encoderId);
        return ContentId.FromFields(Prefix, Domain,
        [
            ("corpus", corpusContentHash),
            ("labels", labels.Canonical),
            ("split", split.Canonical),
            ("encoder", encoderId),
            ("encoder-config", encoderConfig),
            ("preprocessing", preprocessing),
        ], HashHexDigits);
    }
}
