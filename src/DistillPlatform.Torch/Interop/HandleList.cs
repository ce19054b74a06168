namespace DistillPlatform.Torch.Interop;

/// <summary>
/// The raw handles of several tensors for one native call that takes an array of tensors (cat, stack, autograd.grad).
/// Holds a reference on every SafeHandle until disposed so no tensor can be freed while native code reads it.
/// Null entries stay null pointers.
/// </summary>
internal sealed class HandleList : IDisposable
{
    private readonly IReadOnlyList<Tensor?> tensors;
    private readonly bool[] referenced;

    internal HandleList(IReadOnlyList<Tensor?> tensors)
    {
        this.tensors = tensors;
        referenced = new bool[tensors.Count];
        Pointers = new IntPtr[tensors.Count];
        try
        {
            for (var i = 0; i < tensors.Count; i++)
            {
                if (tensors[i] is { } tensor)
                {
                    tensor.Handle.DangerousAddRef(ref referenced[i]);
                    Pointers[i] = tensor.Handle.DangerousGetHandle();
                }
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    internal IntPtr[] Pointers { get; }

    public void Dispose()
    {
        for (var i = 0; i < referenced.Length; i++)
        {
            if (referenced[i])
            {
                tensors[i]!.Handle.DangerousRelease();
                referenced[i] = false;
            }
        }
    }
}
