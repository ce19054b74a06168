using System.Diagnostics;
using System.Text;

namespace DistillPlatform.Emotion.Tests;

/// <summary>Runs a reference script with Debian's /usr/bin/python3 (PyTorch 1.13) and returns its standard output.</summary>
internal static class PythonTorch
{
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static string Run(string scriptName, string inputJson)
    {
        string input = Path.Combine(Path.GetTempPath(), $"emotion-reference-{Guid.NewGuid():N}.json");
        File.WriteAllText(input, inputJson);
        try
        {
            var start = new ProcessStartInfo(Python)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Reference", scriptName));
            start.ArgumentList.Add(input);
            start.Environment["OMP_NUM_THREADS"] = "1";
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) => stderr.AppendLine(e.Data);
            process.BeginErrorReadLine();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Python} {scriptName} did not finish within {Timeout}.");
            }
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{Python} {scriptName} failed ({process.ExitCode}):\n{stderr}");
            return stdout.Result;
        }
        finally
        {
            File.Delete(input);
        }
    }
}
