using System.Runtime.InteropServices;
using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

// Threads and the description of the native backend.
public static partial class torch
{
    /// <summary>
    /// Intra-op threads libtorch uses per operation. The default, applied when the native library loads, is
    /// DISTILL_TORCH_THREADS or else Environment.ProcessorCount.
    /// </summary>
    public static void set_num_threads(int threads)
    {
        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "At least one thread is needed.");
        }

        Native.dp_set_num_threads(threads);
    }

    public static int get_num_threads() => Native.dp_get_num_threads();

    /// <summary>libtorch version, mapped BLAS libraries (from /proc/self/maps), thread count, OPENBLAS_CORETYPE, CUDA.</summary>
    public static TorchBackendInfo BackendInfo()
    {
        // Any native call loads libtorch and, with it, its BLAS; after that the mappings are visible.
        var threads = get_num_threads();
        var version = Marshal.PtrToStringUTF8(Native.dp_torch_version()) ?? "unknown";
        return new TorchBackendInfo(version, MappedBlasLibraries(), threads,
            Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE"), cuda.is_available());
    }

    private static IReadOnlyList<string> MappedBlasLibraries()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return [];
        }

        string[] blasNames = ["libopenblas", "libblas", "libmkl", "libblis", "libcblas"];
        return File.ReadLines(maps)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6)
            .Select(fields => string.Join(' ', fields.Skip(5)))
            .Where(path => blasNames.Any(name => Path.GetFileName(path).StartsWith(name, StringComparison.Ordinal)))
            .Distinct()
            .ToList();
    }
}
