using DistillPlatform.Features.Extraction;

namespace DistillPlatform.Services.FeatureExtraction;

/// <summary>Keeps only the most recent progress report, which the consumer publishes at its own pace.</summary>
public sealed class LatestProgress : IProgress<ExtractionProgress>
{
    private ExtractionProgress? _latest;

    public ExtractionProgress? Latest => Volatile.Read(ref _latest);

    public void Report(ExtractionProgress value) => Volatile.Write(ref _latest, value);
}
