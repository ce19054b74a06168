using System.Collections.Concurrent;
using System.Diagnostics;

namespace DistillPlatform.Artifacts.Tests;

/// <summary>Collects the activities the artifact store finishes while the recorder is alive.</summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ArtifactsTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The single finished activity named <paramref name="operation"/> for the artifact <paramref name="uri"/>.</summary>
    public Activity Single(string operation, string uri) => Assert.Single(All(operation, uri));

    /// <summary>All finished activities named <paramref name="operation"/> for <paramref name="uri"/>, oldest first.</summary>
    public IReadOnlyList<Activity> All(string operation, string uri) =>
        _stopped.Where(activity =>
                activity.OperationName == operation && (string?)activity.GetTagItem(ArtifactsTelemetry.Tags.Uri) == uri)
            .ToList();

    public void Dispose() => _listener.Dispose();
}
