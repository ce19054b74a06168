using System.Text.Json;
using System.Text.Json.Serialization;
using DistillPlatform.Features.Corpus;

namespace DistillPlatform.Features.FeatureSets;

/// <summary>
/// The fixed names of the feature set format, shared by writer and reader.
/// <para>A feature set is a folder:</para>
/// <code>
/// manifest.json                  FeatureSetManifest (written last)
/// train-00000.safetensors        shards of the train split, in order
/// train-00001.safetensors
/// dev-00000.safetensors
/// test-00000.safetensors
/// </code>
/// <para>Each shard holds N utterances in a flat ("ragged") layout:</para>
/// <code>
/// features  F32 [sum(lengths), dims]  the frames of utterance 0, then utterance 1, ... (row-major)
/// lengths   I64 [N]                   frames per utterance (>= 1); utterance i starts at row sum(lengths[..i])
/// labels    I64 [N]                   index into manifest.classes
/// speakers  I64 [N]                   index into manifest.speakers, -1 when unknown (synthetic)
/// __metadata__: format="distill-featureset-shard/1", feature_set_id, split, shard_index,
///               utterance_ids = JSON array of N strings
/// </code>
/// Ragged rather than padded because real corpora vary in length (EmoDB's originals span 1.2–9 s): padding every
/// utterance to the longest would store and hash up to several times more zeros, and readers would need the
/// lengths anyway to mask them. Fixed-length consumers (GAN training) can pad or crop a batch on load.
/// </summary>
public static class FeatureSetLayout
{
    public const int FormatVersion = 1;
    public const string ManifestFileName = "manifest.json";

    /// <summary>
    /// Where the platform keeps feature sets in the object store: <c>features/&lt;id&gt;/</c> holds the folder above, complete
    /// once its manifest is stored. Every service that stores or reads feature sets uses this one name.
    /// </summary>
    public const string StoragePrefix = "features";
    public const string ShardFormat = "distill-featureset-shard/1";

    public const string FeaturesTensor = "features";
    public const string LengthsTensor = "lengths";
    public const string LabelsTensor = "labels";
    public const string SpeakersTensor = "speakers";

    public const string FormatKey = "format";
    public const string FeatureSetIdKey = "feature_set_id";
    public const string SplitKey = "split";
    public const string ShardIndexKey = "shard_index";
    public const string UtteranceIdsKey = "utterance_ids";

    /// <summary>Speaker index for utterances whose speaker is unknown (synthetic sets).</summary>
    public const int UnknownSpeaker = -1;

    public static string ShardFileName(DataSplit split, int shardIndex) => $"{split.ToName()}-{shardIndex:D5}.safetensors";

    /// <summary>JSON settings of manifest.json: camelCase names, enums as lower-case strings, indented.</summary>
    public static JsonSerializerOptions ManifestJson { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
