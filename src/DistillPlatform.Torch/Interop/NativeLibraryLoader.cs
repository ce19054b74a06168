using System.Reflection;
using System.Runtime.InteropServices;

namespace DistillPlatform.Torch.Interop;

/// <summary>
/// Finds libdistilltorch.so for every P/Invoke in this assembly: DISTILL_TORCH_NATIVE (a file or a folder) when set,
/// otherwise next to the application or next to this assembly. On first load it applies the default intra-op thread count.
/// </summary>
internal static class NativeLibraryLoader
{
    internal const string LibraryName = "distilltorch";
    private const string FileName = "libdistilltorch.so";
    private const string PathVariable = "DISTILL_TORCH_NATIVE";
    internal const string ThreadsVariable = "DISTILL_TORCH_THREADS";

    private static readonly object Gate = new();
    private static IntPtr loaded;

    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return IntPtr.Zero;
        }

        lock (Gate)
        {
            if (loaded != IntPtr.Zero)
            {
                return loaded;
            }

            var path = Locate(Environment.GetEnvironmentVariable(PathVariable), SearchDirectories(assembly));
            var library = NativeLibrary.Load(path);
            ApplyDefaultThreadCount(library);
            loaded = library;
            return library;
        }
    }

    /// <summary>
    /// The shim to load: the configured path (a file or a folder holding it) when given — a wrong setting is an error,
    /// not a silent fallback — otherwise the first search directory that holds it.
    /// </summary>
    internal static string Locate(string? configured, IEnumerable<string> searchDirectories)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            var configuredFile = Directory.Exists(configured) ? Path.Combine(configured, FileName) : configured;
            return File.Exists(configuredFile)
                ? configuredFile
                : throw new DllNotFoundException($"{PathVariable}={configured}, but {configuredFile} does not exist. " +
                                                 $"Build the shim with scripts/bootstrap.sh (step torch-shim) or fix {PathVariable}.");
        }

        var candidates = searchDirectories.Select(directory => Path.Combine(directory, FileName)).Distinct().ToList();
        return candidates.FirstOrDefault(File.Exists) ?? throw new DllNotFoundException(
            $"{FileName} was not found (looked in: {string.Join(", ", candidates)}). " +
            $"Build it with scripts/bootstrap.sh (step torch-shim), or point {PathVariable} at it.");
    }

    private static IEnumerable<string> SearchDirectories(Assembly assembly)
    {
        yield return AppContext.BaseDirectory;
        var assemblyDirectory = Path.GetDirectoryName(assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDirectory))
        {
            yield return assemblyDirectory;
        }
    }

    // Runs before any P/Invoke can, so it goes through the export directly (the resolver is still busy).
    private static unsafe void ApplyDefaultThreadCount(IntPtr library)
    {
        var setThreads = (delegate* unmanaged<int, void>)NativeLibrary.GetExport(library, "dp_set_num_threads");
        setThreads(DefaultThreadCount());
    }

    private static int DefaultThreadCount()
    {
        var configured = Environment.GetEnvironmentVariable(ThreadsVariable);
        if (string.IsNullOrEmpty(configured))
        {
            return Environment.ProcessorCount;
        }

        if (!int.TryParse(configured, out var threads) || threads < 1)
        {
            throw new TorchException($"{ThreadsVariable}='{configured}' is not a positive thread count.");
        }

        return threads;
    }
}
