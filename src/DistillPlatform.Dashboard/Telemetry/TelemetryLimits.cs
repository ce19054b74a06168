namespace DistillPlatform.Dashboard.Telemetry;

/// <summary>How much telemetry the dashboard keeps in memory; the oldest is forgotten first.</summary>
public sealed record TelemetryLimits(int MaxSpans = 10_000, int MaxLogs = 20_000, int MaxMetricSeries = 2_000);
