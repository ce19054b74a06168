namespace DistillPlatform.Dashboard.Telemetry;

/// <summary>
/// The recent points of one metric stream (service + metric name + attribute set), newest last, at most
/// <see cref="MaxPoints"/> of them: enough for a sparkline and for the rate of a counter.
/// </summary>
public sealed class MetricSeries(string key, MetricPoint first)
{
    public const int MaxPoints = 120;

    private readonly Queue<MetricPoint> _points = new([first]);

    public string Key { get; } = key;

    public MetricPoint Latest { get; private set; } = first;

    public IReadOnlyCollection<MetricPoint> Points => _points;

    public void Add(MetricPoint point)
    {
        // Exporters may resend a point with the same time stamp (e.g. a final flush); keep one per time stamp.
        if (point.Timestamp <= Latest.Timestamp) return;
        _points.Enqueue(point);
        while (_points.Count > MaxPoints) _points.Dequeue();
        Latest = point;
    }

    /// <summary>
    /// Per-second increase of a cumulative monotonic counter between its two newest points (e.g. training steps/s);
    /// null for other kinds, for a single point, or across a counter reset (a restarted process starts from zero).
    /// For histograms the rate is of the observation count.
    /// </summary>
    public double? RatePerSecond()
    {
        var canRate = Latest.Kind == MetricKind.Histogram || (Latest.Kind == MetricKind.Sum && Latest.IsMonotonic);
        if (!canRate || !Latest.IsCumulative || _points.Count < 2) return null;
        var previous = _points.ElementAt(_points.Count - 2);
        var seconds = (Latest.Timestamp - previous.Timestamp).TotalSeconds;
        var increase = Latest.Kind == MetricKind.Histogram
            ? (double)(Latest.Count ?? 0) - (previous.Count ?? 0)
            : Latest.Value - previous.Value;
        return seconds > 0 && increase >= 0 ? increase / seconds : null;
    }
}
