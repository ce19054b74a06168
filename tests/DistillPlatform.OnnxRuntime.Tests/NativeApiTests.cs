using System.Runtime.InteropServices;
using DistillPlatform.OnnxRuntime.Native;

namespace DistillPlatform.OnnxRuntime.Tests;

/// <summary>
/// Checks that the function pointers read from the OrtApi table sit at the right slots by calling them and observing
/// results that only the intended function produces. (Session, tensor and run slots are covered by OnnxSessionTests.)
/// </summary>
public sealed class NativeApiTests
{
    [Fact]
    public void Library_reports_version_1_30_or_newer_and_grants_api_30()
    {
        var version = Version.Parse(OnnxRuntimeLibrary.Version);

        Assert.True(version >= new Version(1, 30), $"loaded ONNX Runtime {version}");
        Assert.Equal(30u, OnnxRuntimeLibrary.ApiVersion);
    }

    [Fact]
    public void Build_info_comes_from_the_last_slot_used()
    {
        // Slot 254 is far down the table: a miscounted slot before it would call some other function.
        Assert.StartsWith("ORT Build Info:", OnnxRuntimeLibrary.BuildInfo);
        Assert.Contains("build type=", OnnxRuntimeLibrary.BuildInfo);
    }

    [Fact]
    public unsafe void Status_round_trip_keeps_code_and_message()
    {
        var api = OnnxRuntimeLibrary.Api;
        var message = "slot check: invalid graph"u8.ToArray().Append((byte)0).ToArray();
        IntPtr status;
        fixed (byte* text = message)
        {
            status = api.CreateStatus(OrtErrorCode.InvalidGraph, text);
        }

        var error = Assert.Throws<OnnxRuntimeException>(() => api.Check(status));

        Assert.Equal(OrtErrorCode.InvalidGraph, error.ErrorCode);
        Assert.Equal("slot check: invalid graph", error.OrtMessage);
        Assert.Contains("InvalidGraph", error.Message);
    }

    [Fact]
    public void Null_status_means_success()
    {
        OnnxRuntimeLibrary.Api.Check(IntPtr.Zero);
    }

    [Fact]
    public void Available_providers_include_the_cpu_provider()
    {
        Assert.Contains("CPUExecutionProvider", OnnxRuntimeLibrary.AvailableProviders);
    }

    [Fact]
    public unsafe void Cpu_memory_info_is_named_Cpu()
    {
        var api = OnnxRuntimeLibrary.Api;
        byte* name;
        api.Check(api.MemoryInfoGetName(OnnxRuntimeLibrary.CpuMemoryInfo, &name));

        Assert.Equal("Cpu", Marshal.PtrToStringUTF8((IntPtr)name));
    }

    [Fact]
    public void Environment_can_be_created_at_every_logging_level_and_disposed()
    {
        foreach (var level in Enum.GetValues<OnnxLoggingLevel>())
        {
            using var environment = new OnnxEnvironment(level, "slot-test");
            Assert.Equal(level, environment.LoggingLevel);
        }
    }

    [Fact]
    public unsafe void Appending_cuda_without_its_provider_library_fails_inside_onnx_runtime()
    {
        Assert.False(OnnxRuntimeLibrary.IsCudaProviderLibraryPresent, "this check needs a CPU-only installation");
        // ORT reports provider loading through the default logger, which exists while an environment does.
        using var environment = new OnnxEnvironment(OnnxLoggingLevel.Fatal, "cuda-check");
        var api = OnnxRuntimeLibrary.Api;
        IntPtr raw;
        api.Check(api.CreateSessionOptions(&raw));
        using var options = OrtHandle.Own<OrtSessionOptionsHandle>(raw);

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxSession.AppendCuda(api, options.Pointer, deviceId: 0));

        // ORT's CUDA entry points load the provider bridge first; its failure names the missing provider library.
        Assert.Contains("libonnxruntime_providers_", error.OrtMessage);
    }
}
