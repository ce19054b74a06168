using DistillPlatform.Hosting.Orchestration;

namespace DistillPlatform.AppHost.Tests;

public sealed class ResourceLogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("distill-apphost-test-log-").FullName;

    [Fact]
    public void Lines_are_time_stamped_into_the_file_without_colour_codes_and_the_ring_keeps_the_newest()
    {
        var path = Path.Combine(_directory, "logs", "broker.log");
        using (var log = new ResourceLog("broker", path, capacity: 2))
        {
            log.Append("out", "\u001b[38;5;160mfirst\u001b[0m");
            log.Append("err", "second");
            log.Append("host", "third");

            Assert.Equal(["second", "third"], log.Tail(10).Select(line => line.Text));
            Assert.Equal(["third"], log.Tail(1).Select(line => line.Text));
        }

        var lines = File.ReadAllLines(path);
        Assert.Equal(3, lines.Length);
        Assert.EndsWith(" [out] first", lines[0]);
        Assert.EndsWith(" [err] second", lines[1]);
        Assert.EndsWith(" [host] third", lines[2]);
        // ISO-8601 UTC time stamp first, e.g. 2026-11-21T23:40:01.123Z
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z ", lines[0]);
    }

    [Fact]
    public void A_new_run_appends_to_the_log_of_the_previous_run()
    {
        var path = Path.Combine(_directory, "broker.log");
        using (var first = new ResourceLog("broker", path)) first.Append("out", "run one");
        using (var second = new ResourceLog("broker", path)) second.Append("out", "run two");

        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
