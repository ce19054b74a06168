using System.Security.Cryptography;
using System.Text;
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

    /// <summary>"fs-" followed by the first 32 hex digits (128 bits) of a SHA-256 over the inputs.</summary>
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
        var text = new StringBuilder(Domain).Append('\n');
        // Each field is written as name, UTF-8 byte length and value, so no two different inputs concatenate to the
        // same text. The recipe is simple enough to recompute in any language (see the tests).
        foreach ((string name, string value) in new[]
                 {
                     ("corpus", corpusContentHash),
                     ("labels", labels.Canonical),
                     ("split", split.Canonical),
                     ("encoder", encoderId),
                     ("encoder-config", encoderConfig),
                     ("preprocessing", preprocessing),
                 })
        {
            text.Append(name).Append('=').Append(Encoding.UTF8.GetByteCount(value)).Append(':').Append(value).Append('\n');
        }
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Prefix + Convert.ToHexStringLower(hash)[..32];
    }
}
