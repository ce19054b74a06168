using System.Runtime.InteropServices;

namespace DistillPlatform.Torch.Interop;

/// <summary>
/// Owns one native tensor handle (a heap-allocated at::Tensor in libdistilltorch). Releasing it drops one reference
/// to the tensor's storage; the finalizer is only a last resort for tensors nobody disposed.
/// </summary>
internal sealed class TensorHandle : SafeHandle
{
    // The P/Invoke source generator creates the handle before the call and stores the returned pointer in it.
    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    internal TensorHandle(IntPtr pointer) : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(pointer);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        Native.dp_tensor_free(handle);
        return true;
    }
}
