namespace DistillPlatform.Contracts.Features;

/// <summary>
/// Command to the feature extraction service: turn a corpus into a feature set in the object store. Answered by
/// <see cref="FeaturesExtracted"/> (also when the same feature set already exists) or
/// <see cref="FeatureExtractionFailed"/>, both carrying <see cref="RequestId"/>; <see cref="FeatureExtractionProgress"/>
/// is published while it runs. With <see cref="SkipBadRows"/>, rows with problems (missing or corrupt audio, unknown
/// labels, ...) are left out and listed instead of failing the request.
/// </summary>
public sealed record ExtractFeatures(
    Guid RequestId,
    CorpusLocation Corpus,
    LabelMappingSpec Labels,
    SplitPolicySpec Split,
    FeatureEncoderSpec Encoder,
    AudioPreprocessingSpec Preprocessing,
    bool SkipBadRows = false);
