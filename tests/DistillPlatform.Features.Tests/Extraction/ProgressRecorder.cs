using DistillPlatform.Features.Extraction;

namespace DistillPlatform.Features.Tests.Extraction;

/// <summary>
/// Records progress reports synchronously (unlike <see cref="Progress{T}"/>, which posts them later), optionally
/// running an action on each one.
/// </summary>
public sealed class ProgressRecorder(Action<ExtractionProgress>? onReport = null) : IProgress<ExtractionProgress>
{
    private readonly List<ExtractionProgress> _reports = [];

    public IReadOnlyList<ExtractionProgress> Reports
    {
        get
        {
            lock (_reports) return _reports.ToArray();
        }
    }

    public void Report(ExtractionProgress value)
    {
        lock (_reports) _reports.Add(value);
        onReport?.Invoke(value);
    }
}
