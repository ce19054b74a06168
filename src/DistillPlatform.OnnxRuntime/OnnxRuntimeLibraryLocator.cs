namespace DistillPlatform.OnnxRuntime;

/// <summary>
/// Finds the ONNX Runtime shared library: the path in <c>ORT_LIBRARY_PATH</c> when set, otherwise the copy that
/// scripts/bootstrap.sh (step onnxruntime) puts into <c>.tools/onnxruntime/</c> of the repository, searched for from
/// a start directory upwards so that it is found from any build output folder.
/// </summary>
public static class OnnxRuntimeLibraryLocator
{
    public const string PathVariable = "ORT_LIBRARY_PATH";

    public static string LibraryFileName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll"
        : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib"
        : "libonnxruntime.so.1";

    /// <summary>Resolves the library path.</summary>
    /// <param name="overridePath">Value of <c>ORT_LIBRARY_PATH</c> (null or empty when unset).</param>
    /// <param name="startDirectory">Directory to search upwards from for <c>.tools/onnxruntime/</c>.</param>
    /// <exception cref="DllNotFoundException">Neither location holds the library; the message says how to fix it.</exception>
    public static string Locate(string? overridePath, string startDirectory)
    {
        if (!string.IsNullOrEmpty(overridePath))
        {
            if (!File.Exists(overridePath))
            {
                throw new DllNotFoundException(
                    $"{PathVariable} is set to '{overridePath}', but no file exists there. " +
                    $"Point it at {LibraryFileName} or unset it to use the copy installed by scripts/bootstrap.sh.");
            }

            return Path.GetFullPath(overridePath);
        }

        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".tools", "onnxruntime", LibraryFileName);
            if (File.Exists(candidate)) return candidate;
        }

        throw new DllNotFoundException(
            $"ONNX Runtime ({LibraryFileName}) was not found in .tools/onnxruntime/ above '{startDirectory}'. " +
            $"Run scripts/bootstrap.sh (step onnxruntime) or set {PathVariable} to the library's path.");
    }

    /// <summary>Resolves the library path for this process: <c>ORT_LIBRARY_PATH</c>, then the application folder upwards.</summary>
    public static string LocateForCurrentProcess() =>
        Locate(Environment.GetEnvironmentVariable(PathVariable), AppContext.BaseDirectory);
}
