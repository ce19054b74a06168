namespace DistillPlatform.Features.Tests.Audio;

/// <summary>Runs the reference tools the tests compare against (sox, /usr/bin/python3 with torch).</summary>
internal static class ExternalTool
{
    public const string Sox = "sox";
    public const string PythonWithTorch = ReferencePython.Executable;

    /// <summary>Runs a command and fails the test with its stderr if it does not exit with 0.</summary>
    public static string Run(string executable, params string[] arguments) => ExternalProcess.Run(executable, arguments);

}

/// <summary>A directory under /tmp deleted when the test ends.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"features-tests-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
