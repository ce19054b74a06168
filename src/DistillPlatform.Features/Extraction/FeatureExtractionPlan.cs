using DistillPlatform.Features.Corpus;
using DistillPlatform.Features.FeatureSets;

namespace DistillPlatform.Features.Extraction;

/// <summary>
/// A validated extraction request: the resolved corpus and the description (with the deterministic id) of the
/// feature set it will produce. Made by <see cref="FeatureExtractor.PlanAsync"/>, so a caller can look the id up in
/// a cache (e.g. the object store) before paying for the extraction.
/// </summary>
public sealed record FeatureExtractionPlan(FeatureExtractionRequest Request, ResolvedCorpus Corpus, FeatureSetDescription Description)
{
    public string FeatureSetId => Description.Id;
}
