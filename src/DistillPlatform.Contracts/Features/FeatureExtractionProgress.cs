namespace DistillPlatform.Contracts.Features;

/// <summary>Published now and then while a feature set is extracted.</summary>
/// <param name="AudioSecondsPerSecond">Throughput so far: seconds of audio encoded per second of wall-clock time.</param>
public sealed record FeatureExtractionProgress(
    Guid RequestId,
    string FeatureSetId,
    int UtterancesDone,
    int UtterancesTotal,
    double AudioSecondsPerSecond);
