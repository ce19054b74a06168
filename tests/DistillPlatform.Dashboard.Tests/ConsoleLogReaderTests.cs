using DistillPlatform.Dashboard.Resources;

namespace DistillPlatform.Dashboard.Tests;

public sealed class ConsoleLogReaderTests : IDisposable
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("distill-console-test-").FullName, "svc.log");

    [Fact]
    public void Reads_complete_lines_and_continues_from_the_returned_offset()
    {
        File.WriteAllText(_path, "one\ntwo\nthr");

        var first = ConsoleLogReader.Read(_path, offset: null);
        Assert.Equal(["one", "two"], first.Lines);
        Assert.Equal(8, first.NextOffset); // "one\ntwo\n"

        File.AppendAllText(_path, "ee\nfour\n");
        var second = ConsoleLogReader.Read(_path, first.NextOffset);
        Assert.Equal(["three", "four"], second.Lines);

        var third = ConsoleLogReader.Read(_path, second.NextOffset);
        Assert.Empty(third.Lines);
        Assert.Equal(second.NextOffset, third.NextOffset);
    }

    [Fact]
    public void A_first_read_of_a_long_log_shows_only_whole_lines_of_its_end()
    {
        var line = new string('x', 99); // 100 bytes with its newline
        var lineCount = ConsoleLogReader.InitialTailBytes / 100 + 50;
        File.WriteAllLines(_path, Enumerable.Range(0, lineCount).Select(i => $"{i:D6}{line[6..]}"));

        var tail = ConsoleLogReader.Read(_path, offset: null);

        // 65,536 bytes hold 655 whole lines of 100 bytes plus the end of the line before them, which is skipped.
        Assert.Equal(655, tail.Lines.Count);
        Assert.StartsWith($"{lineCount - 1:D6}", tail.Lines[^1]);
        Assert.All(tail.Lines, l => Assert.Equal(99, l.Length));
    }

    [Fact]
    public void A_missing_file_or_an_offset_past_its_end_starts_over()
    {
        Assert.Empty(ConsoleLogReader.Read(_path, offset: null).Lines);

        File.WriteAllText(_path, "fresh\n");
        Assert.Equal(["fresh"], ConsoleLogReader.Read(_path, offset: 1_000).Lines);
    }

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
}
