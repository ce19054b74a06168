using System.Runtime.InteropServices;

namespace DistillPlatform.OnnxRuntime.Native;

/// <summary>
/// Owns one ONNX Runtime object and releases it exactly once with the matching <c>Release*</c> function of the C API,
/// on <see cref="SafeHandle.Dispose()"/> or, if the owner forgot, from the finalizer.
/// </summary>
internal abstract class OrtHandle : SafeHandle
{
    protected OrtHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>The raw pointer, for passing to the C API while the owner keeps this handle alive.</summary>
    public IntPtr Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed, this);
            return handle;
        }
    }

    /// <summary>Takes ownership of a pointer just returned by a <c>Create*</c> function.</summary>
    public static T Own<T>(IntPtr pointer) where T : OrtHandle, new()
    {
        var owner = new T();
        owner.SetHandle(pointer);
        return owner;
    }
}

internal sealed class OrtEnvHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OnnxRuntimeLibrary.Api.ReleaseEnv(handle);
        return true;
    }
}

internal sealed class OrtSessionOptionsHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OnnxRuntimeLibrary.Api.ReleaseSessionOptions(handle);
        return true;
    }
}

internal sealed class OrtSessionHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OnnxRuntimeLibrary.Api.ReleaseSession(handle);
        return true;
    }
}

internal sealed class OrtValueHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OnnxRuntimeLibrary.Api.ReleaseValue(handle);
        return true;
    }
}

internal sealed class OrtTypeInfoHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OnnxRuntimeLibrary.Api.ReleaseTypeInfo(handle);
        return true;
    }
}

internal sealed class OrtTensorTypeAndShapeInfoHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OnnxRuntimeLibrary.Api.ReleaseTensorTypeAndShapeInfo(handle);
        return true;
    }
}

internal sealed class OrtMemoryInfoHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OnnxRuntimeLibrary.Api.ReleaseMemoryInfo(handle);
        return true;
    }
}

internal sealed class OrtCudaProviderOptionsHandle : OrtHandle
{
    protected override unsafe bool ReleaseHandle()
    {
        OnnxRuntimeLibrary.Api.ReleaseCUDAProviderOptions(handle);
        return true;
    }
}
