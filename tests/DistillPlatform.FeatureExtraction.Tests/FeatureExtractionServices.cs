namespace DistillPlatform.FeatureExtraction.Tests;

/// <summary>
/// The test classes that start feature extraction processes run one after the other: each platform (broker, object
/// store, one or two services) keeps the two cores busy on its own.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class FeatureExtractionServices
{
    public const string Collection = "feature extraction services";
}
