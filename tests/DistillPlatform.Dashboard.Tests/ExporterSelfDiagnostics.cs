using System.Diagnostics.Tracing;

namespace DistillPlatform.Dashboard.Tests;

/// <summary>
/// Records the warnings and errors OpenTelemetry reports about itself in this process (its SDK and OTLP exporter
/// EventSources, e.g. a failed or timed-out HTTP export), so that a test whose telemetry never arrived can say why.
/// </summary>
public sealed class ExporterSelfDiagnostics : EventListener
{
    // Field initialisers run before the EventListener constructor, which already reports the existing sources.
    private readonly Lock _gate = new();
    private readonly List<string> _events = [];

    /// <summary>What was reported since this listener was created, one line per event, or a line saying nothing was.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            return _events.Count == 0
                ? "OpenTelemetry reported no warning or error in this process."
                : "OpenTelemetry reported:\n" + string.Join("\n", _events);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name.StartsWith("OpenTelemetry", StringComparison.Ordinal))
        {
            EnableEvents(eventSource, EventLevel.Warning);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        var payload = eventData.Payload is { } values ? string.Join(" | ", values) : "";
        lock (_gate)
        {
            _events.Add($"  {eventData.Level} {eventData.EventSource.Name}/{eventData.EventName}: {payload}");
        }
    }
}
