namespace DistillPlatform.Hosting.Orchestration;

/// <summary>Files holding passwords (credentials, endpoints.json) are readable by their owner only.</summary>
internal static class SecretFile
{
    public static void RestrictToOwner(string path)
    {
        // The orchestrator runs on Linux (setsid, process groups); the guard only satisfies the platform analyzer.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
