namespace DistillPlatform.Testing.Reference;

/// <summary>
/// Debian's /usr/bin/python3 with PyTorch 1.13 (scripts/bootstrap.sh installs python3-torch), the independent source of
/// reference values. The exact path matters: `python3` on PATH may be another interpreter without torch.
/// </summary>
public static class ReferencePython
{
    public const string Executable = "/usr/bin/python3";

    /// <summary>One thread, so reference runs neither compete with the test process nor vary with the machine's load.</summary>
    private static readonly IReadOnlyDictionary<string, string> SingleThreaded = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1" };

    /// <summary>Runs <paramref name="script"/> (a path) with <paramref name="arguments"/>; returns what it printed.</summary>
    public static string Run(string script, params string[] arguments) =>
        ExternalProcess.Run(Executable, [script, .. arguments], SingleThreaded);

    /// <summary>Runs the inline program <paramref name="code"/> (<c>python3 -c</c>) with <paramref name="arguments"/> as sys.argv[1:].</summary>
    public static string RunInline(string code, params string[] arguments) =>
        ExternalProcess.Run(Executable, ["-c", code, .. arguments], SingleThreaded);

    /// <summary>The reference script <paramref name="scriptName"/> copied next to the test assembly under Reference/.</summary>
    public static string BundledScript(string scriptName) => Path.Combine(AppContext.BaseDirectory, "Reference", scriptName);
}
