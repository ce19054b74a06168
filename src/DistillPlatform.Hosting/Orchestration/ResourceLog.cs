using System.Text.RegularExpressions;

namespace DistillPlatform.Hosting.Orchestration;

/// <summary>
/// The captured console output of one resource: every line is time-stamped, appended to
/// <c>STATE/logs/NAME.log</c> (kept between runs) and kept in a bounded in-memory ring for a dashboard or for
/// error messages that show the last lines of a resource that failed.
/// </summary>
public sealed partial class ResourceLog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Queue<ResourceLogLine> _recent = new();
    private readonly int _capacity;
    private readonly StreamWriter _file;
    private bool _disposed;

    public ResourceLog(string resourceName, string filePath, int capacity = 2000)
    {
        ResourceName = resourceName;
        FilePath = filePath;
        _capacity = capacity;
        Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
        _file = new StreamWriter(new FileStream(filePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public string ResourceName { get; }

    public string FilePath { get; }

    /// <summary>Records one line; <paramref name="stream"/> is "out", "err" or "host" (the orchestrator's own notes).</summary>
    public void Append(string stream, string text)
    {
        // Colour codes (RabbitMQ and .NET colour their console output) would only garble the log file.
        var line = new ResourceLogLine(DateTimeOffset.UtcNow, stream, TerminalEscape().Replace(text, ""));
        lock (_gate)
        {
            _recent.Enqueue(line);
            while (_recent.Count > _capacity) _recent.Dequeue();
            // Output can still trickle in from a process's last buffered lines after the application stopped.
            if (!_disposed) _file.WriteLine(line.ToString());
        }
    }

    /// <summary>The newest <paramref name="count"/> lines, oldest first.</summary>
    public IReadOnlyList<ResourceLogLine> Tail(int count)
    {
        lock (_gate)
        {
            return _recent.Skip(Math.Max(0, _recent.Count - count)).ToArray();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file.Dispose();
        }
    }

    [GeneratedRegex(@"\x1B\[[0-9;?]*[A-Za-z]")]
    private static partial Regex TerminalEscape();
}

/// <summary>One captured console line of a resource.</summary>
public sealed record ResourceLogLine(DateTimeOffset Timestamp, string Stream, string Text)
{
    public override string ToString() => $"{Timestamp:yyyy-MM-ddTHH:mm:ss.fffZ} [{Stream}] {Text}";
}
