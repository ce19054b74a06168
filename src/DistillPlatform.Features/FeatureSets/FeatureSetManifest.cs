using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.FeatureSets;

/// <summary>
/// The <c>manifest.json</c> of a feature set folder: what the features are (encoder, frame rate, dimensions), what
/// the labels and speaker indices in the shards mean, and which shard files make up each split, with their SHA-256
/// so a reader can tell a complete, uncorrupted download from anything else. The manifest is written last; a folder
/// without one is an incomplete write.
/// </summary>
/// <param name="FormatVersion">Layout version; readers refuse versions they do not know.</param>
/// <param name="Id">Deterministic id (see <see cref="FeatureSetId"/> for real sets).</param>
/// <param name="EncoderId">The frame encoder's stable id (it already includes its configuration).</param>
/// <param name="EncoderConfig">The encoder configuration in readable form (e.g. "n_mels=80,win=25ms,hop=10ms").</param>
/// <param name="Classes">Class names; the <c>labels</c> tensor holds indices into this list.</param>
/// <param name="Speakers">Speaker names; the <c>speakers</c> tensor holds indices into this list, or -1 (unknown, e.g. synthetic).</param>
/// <param name="Splits">Per split name ("train", "dev", "test"): counts, speakers and shard files.</param>
/// <param name="SourceCorpusHash">Content hash of the source corpus (<see cref="CorpusContentHash"/>); null for synthetic sets.</param>
/// <param name="LabelMapping">Canonical label mapping used, if any.</param>
/// <param name="SplitPolicy">Canonical split policy used, if any.</param>
/// <param name="Preprocessing">Canonical preprocessing description (resampling, trimming...), part of the id.</param>
/// <param name="Normalization">Per-dimension statistics of the train split's frames, if computed.</param>
/// <param name="CreatedBy">The component (and version) that wrote the set.</param>
public sealed record FeatureSetManifest(
    int FormatVersion,
    string Id,
    FeatureSetKind Kind,
    string EncoderId,
    string EncoderConfig,
    double FrameRateHz,
    int Dimensions,
    IReadOnlyList<string> Classes,
    IReadOnlyList<string> Speakers,
    IReadOnlyDictionary<string, FeatureSetSplit> Splits,
    string? SourceCorpusHash,
    string? LabelMapping,
    string? SplitPolicy,
    string? Preprocessing,
    FeatureNormalization? Normalization,
    string CreatedBy)
{
    /// <summary>The split's entry, or null when the set has no utterance in it.</summary>
    public FeatureSetSplit? Split(DataSplit split) => Splits.GetValueOrDefault(split.ToName());
}

/// <summary>
/// One split of a feature set. <see cref="ClassCounts"/> is aligned with <see cref="FeatureSetManifest.Classes"/>;
/// <see cref="Speakers"/> lists the speaker names occurring in the split.
/// </summary>
public sealed record FeatureSetSplit(
    int Utterances,
    long Frames,
    IReadOnlyList<int> ClassCounts,
    IReadOnlyList<string> Speakers,
    IReadOnlyList<FeatureShardEntry> Shards);

/// <summary>One shard file (a plain file name inside the feature set folder) with its contents' size and hash.</summary>
public sealed record FeatureShardEntry(string File, int Utterances, long Frames, long Bytes, string Sha256);

/// <summary>
/// Mean and population standard deviation per feature dimension over every frame of <see cref="Split"/> (train).
/// A dimension that never varies has std 0; consumers normalise with max(std, epsilon).
/// </summary>
public sealed record FeatureNormalization(string Split, long Frames, IReadOnlyList<double> Mean, IReadOnlyList<double> Std);
