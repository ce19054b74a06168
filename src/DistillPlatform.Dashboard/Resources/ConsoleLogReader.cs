using System.Text;

namespace DistillPlatform.Dashboard.Resources;

/// <summary>
/// Reads a resource's console log file (<c>STATE/logs/NAME.log</c>, appended to by the orchestrator) incrementally, so
/// the console page can tail it: each read returns the complete lines after an offset and the offset to ask from next.
/// </summary>
public static class ConsoleLogReader
{
    /// <summary>How much of the end of the file a first read (no offset) shows.</summary>
    public const int InitialTailBytes = 64 * 1024;

    /// <summary>The most one read returns; a client far behind catches up over several polls.</summary>
    public const int MaxReadBytes = 256 * 1024;

    /// <param name="offset">Byte offset returned by the previous read, or null for the end of the file.</param>
    public static ConsoleChunk Read(string path, long? offset)
    {
        if (!File.Exists(path)) return new ConsoleChunk([], 0);

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.Length;
        // An offset beyond the end means the file was replaced (e.g. a --fresh run): start again from its tail.
        var continues = offset is { } from && from >= 0 && from <= length;
        var start = continues ? offset!.Value : Math.Max(0, length - InitialTailBytes);
        // A tail read may begin inside a line; that partial line is skipped.
        var startsMidLine = !continues && start > 0;

        var buffer = new byte[(int)Math.Min(MaxReadBytes, length - start)];
        stream.Position = start;
        stream.ReadExactly(buffer);

        var lastNewline = Array.LastIndexOf(buffer, (byte)'\n');
        if (lastNewline < 0) return new ConsoleChunk([], start); // only a partial line so far
        var firstLine = startsMidLine ? Array.IndexOf(buffer, (byte)'\n') + 1 : 0;
        var text = Encoding.UTF8.GetString(buffer, firstLine, Math.Max(0, lastNewline - firstLine));
        var lines = text.Length == 0 && firstLine > lastNewline ? [] : text.Split('\n');
        return new ConsoleChunk(lines, start + lastNewline + 1);
    }
}

/// <summary>Complete lines read from a console log and the offset right after the last of them.</summary>
public sealed record ConsoleChunk(IReadOnlyList<string> Lines, long NextOffset);
