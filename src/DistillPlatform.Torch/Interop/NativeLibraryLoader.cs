using System.Reflection;
using System.Runtime.InteropServices;

namespace DistillPlatform.Torch.Interop;

/// <summary>
/// Finds libdistilltorch.so for every P/Invoke in this assembly: DISTILL_TORCH_NATIVE (a file or a folder) first, then
/// next to the application and next to this assembly. On first load it applies the default intra-op thread count.
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

            var candidates = CandidatePaths(assembly).ToList();
            var path = candidates.FirstOrDefault(File.Exists) ?? throw new DllNotFoundException(
                $"{FileName} was not found (looked in: {string.Join(", ", candidates)}). " +
                $"Build it with scripts/bootstrap.sh (step torch-shim), or point {PathVariable} at it.");
            var library = NativeLibrary.Load(path);
            ApplyDefaultThreadCount(library);
            loaded = library;
            return library;
        }
    }

    private static IEnumerable<string> CandidatePaths(Assembly assembly)
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            yield return Directory.Exists(configured) ? Path.Combine(configured, FileName) : configured;
        }

        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        var assemblyDirectory = Path.GetDirectoryName(assembly.Location);
        if (!string.IsNullOrEmpty(assemblyDirectory))
        {
            yield return Path.Combine(assemblyDirectory, FileName);
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
