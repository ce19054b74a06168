using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Features.Extraction;

/// <summary>The outcome of <see cref="FeatureExtractor.ExtractAsync"/>.</summary>
/// <param name="Manifest">The complete feature set's manifest.</param>
/// <param name="Directory">The folder holding the feature set.</param>
/// <param name="FromCache">True when the folder already held this feature set and nothing was recomputed.</param>
/// <param name="Validation">What corpus validation found; lists the rows left out when bad rows were skipped.</param>
public sealed record FeatureExtractionResult(
    FeatureSetManifest Manifest,
    string Directory,
    bool FromCache,
    CorpusValidationReport Validation);
