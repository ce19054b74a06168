using System.Runtime.InteropServices;
using DistillPlatform.OnnxRuntime.Native;

namespace DistillPlatform.OnnxRuntime;

/// <summary>
/// The process-wide binding to ONNX Runtime's C API: loads the shared library once (see
/// <see cref="OnnxRuntimeLibraryLocator"/>), asks <c>OrtGetApiBase()</c> for the function table of API version
/// <see cref="OrtApi.Version"/>, and reports facts about the loaded build.
/// </summary>
public static class OnnxRuntimeLibrary
{
    /// <summary>Libraries ORT loads from its own folder to run CUDA: the provider bridge and the CUDA provider.</summary>
    private static readonly string[] CudaProviderFileNames = ["libonnxruntime_providers_shared.so", "libonnxruntime_providers_cuda.so"];

    private static readonly Lazy<LoadedLibrary> Loaded = new(Load);

    /// <summary>Full path of the loaded library.</summary>
    public static string LibraryPath => Loaded.Value.Path;

    /// <summary>The library's version string, e.g. "1.30.0" (<c>OrtApiBase.GetVersionString</c>).</summary>
    public static string Version => Loaded.Value.Version;

    /// <summary>The C API version this binding requested and uses.</summary>
    public static uint ApiVersion => OrtApi.Version;

    /// <summary>Build description of the library (<c>GetBuildInfoString</c>), e.g. its git commit and build type.</summary>
    public static unsafe string BuildInfo => Marshal.PtrToStringUTF8((IntPtr)Api.GetBuildInfoString()) ?? "";

    /// <summary>Execution providers compiled into the library, e.g. "CPUExecutionProvider".</summary>
    public static unsafe IReadOnlyList<string> AvailableProviders
    {
        get
        {
            byte** names;
            int count;
            Api.Check(Api.GetAvailableProviders(&names, &count));
            try
            {
                var result = new string[count];
                for (var i = 0; i < count; i++) result[i] = Marshal.PtrToStringUTF8((IntPtr)names[i]) ?? "";
                return result;
            }
            finally
            {
                Api.Check(Api.ReleaseAvailableProviders(names, count));
            }
        }
    }

    /// <summary>Paths where the CUDA execution provider's libraries must be for CUDA sessions: next to the main library.</summary>
    public static IReadOnlyList<string> CudaProviderLibraryPaths =>
        CudaProviderFileNames.Select(name => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(LibraryPath)!, name)).ToArray();

    /// <summary>Whether the CUDA execution provider libraries are installed next to the main library.</summary>
    public static bool IsCudaProviderLibraryPresent => CudaProviderLibraryPaths.All(File.Exists);

    internal static OrtApi Api => Loaded.Value.Api;

    /// <summary>Describes ordinary CPU memory, for tensors that wrap managed buffers. Lives as long as the process.</summary>
    internal static IntPtr CpuMemoryInfo => Loaded.Value.CpuMemoryInfo.Pointer;

    private static unsafe LoadedLibrary Load()
    {
        var path = OnnxRuntimeLibraryLocator.LocateForCurrentProcess();
        var library = NativeLibrary.Load(path);
        var getApiBase = (delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, "OrtGetApiBase");
        var apiBase = (IntPtr*)getApiBase();

        // struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t version); const char* (*GetVersionString)(void); }
        var getApi = (delegate* unmanaged<uint, IntPtr>)apiBase[0];
        var getVersionString = (delegate* unmanaged<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((IntPtr)getVersionString()) ?? "unknown";

        var table = getApi(OrtApi.Version);
        if (table == IntPtr.Zero)
        {
            throw new NotSupportedException(
                $"ONNX Runtime {version} at '{path}' does not offer C API version {OrtApi.Version}; " +
                "DistillPlatform needs ONNX Runtime 1.30 or newer (scripts/bootstrap.sh installs 1.30.0).");
        }

        var api = new OrtApi(table);
        IntPtr memoryInfo;
        api.Check(api.CreateCpuMemoryInfo(OrtAllocatorType.Device, OrtMemType.Default, &memoryInfo));
        return new LoadedLibrary(path, version, api, OrtHandle.Own<OrtMemoryInfoHandle>(memoryInfo));
    }

    private sealed record LoadedLibrary(string Path, string Version, OrtApi Api, OrtMemoryInfoHandle CpuMemoryInfo);
}
