using System.Diagnostics;

namespace DistillPlatform.Testing.Reference;

/// <summary>Runs a reference program to completion and returns its standard output, or throws with its stderr.</summary>
public static class ExternalProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <param name="environment">Variables set on top of the inherited environment.</param>
    /// <exception cref="TimeoutException">The program ran longer than <paramref name="timeout"/>; it was killed.</exception>
    /// <exception cref="InvalidOperationException">The program exited with a non-zero code; the message holds its stderr.</exception>
    public static string Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null, TimeSpan? timeout = null)
    {
        string[] argumentList = arguments.ToArray();
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        foreach (string argument in argumentList)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;

        string commandLine = $"{program} {string.Join(' ', argumentList)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        // Both streams are drained concurrently: a program that fills one pipe while we wait on the other would hang.
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        TimeSpan limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish within {limit}.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{commandLine} failed with exit code {process.ExitCode}:\n{stderr.Result}");
        return stdout.Result;
    }
}
