using System.Runtime.InteropServices;
using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

/// <summary>
/// A libtorch tensor. Each Tensor owns one native handle: dispose it, let the enclosing <see cref="DisposeScope"/>
/// free it, or (last resort) leave it to the finalizer. Operations return new Tensors; methods ending in '_' modify
/// this tensor in place and return it. Member names follow PyTorch so model code reads the same.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly TensorHandle handle;

    internal Tensor(TensorHandle handle)
    {
        this.handle = handle;
        DisposeScope.Adopt(this);
    }

    internal TensorHandle Handle => handle;

    /// <summary>The scope that will free this tensor, or null when the caller owns it.</summary>
    internal DisposeScope? OwningScope { get; set; }

    /// <summary>Whether <see cref="Dispose"/> already released the native tensor.</summary>
    public bool IsDisposed => handle.IsClosed;

    // ---- metadata ----

    public long[] shape
    {
        get
        {
            var sizes = new long[Native.dp_ndim(handle)];
            unsafe
            {
                fixed (long* pointer = sizes)
                {
                    Native.dp_sizes(handle, pointer);
                }
            }

            return sizes;
        }
    }

    /// <summary>All sizes (same as <see cref="shape"/>).</summary>
    public long[] size() => shape;

    /// <summary>Size of one dimension (negative counts from the end).</summary>
    public long size(int dim)
    {
        var sizes = shape;
        var index = dim < 0 ? dim + sizes.Length : dim;
        if (index < 0 || index >= sizes.Length)
        {
            throw new TorchException($"Dimension {dim} is out of range for a tensor with {sizes.Length} dimensions.");
        }

        return sizes[index];
    }

    public int ndim => Native.dp_ndim(handle);

    public int dim() => ndim;

    public long numel() => Native.dp_numel(handle);

    public ScalarType dtype => (ScalarType)Native.dp_dtype(handle);

    public Device device => new((DeviceType)Native.dp_device_type(handle), Native.dp_device_index(handle));

    public bool is_leaf => Native.dp_is_leaf(handle) != 0;

    // ---- conversion ----

    public Tensor to(ScalarType type, bool copy = false) => to(type, device, copy);

    public Tensor to(Device target, bool copy = false) => to(dtype, target, copy);

    public Tensor to(ScalarType type, Device target, bool copy = false) =>
        Native.Check(Native.dp_to(handle, (int)type, (int)target.Type, target.Index, copy ? 1 : 0));

    public Tensor @float() => to(ScalarType.Float32);

    public Tensor @double() => to(ScalarType.Float64);

    public Tensor @long() => to(ScalarType.Int64);

    public Tensor @bool() => to(ScalarType.Bool);

    public Tensor cpu() => to(Device.CPU);

    public Tensor cuda() => to(Device.CUDA);

    // ---- data transfer ----

    /// <summary>Copies the elements (row-major) into a new array; <typeparamref name="T"/> must match <see cref="dtype"/>.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var values = new T[CheckedElementCount<T>()];
        CopyElements<T>(values);
        return values;
    }

    /// <summary>Copies the elements (row-major) into <paramref name="destination"/>, which must hold exactly numel() values.</summary>
    public void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        var count = CheckedElementCount<T>();
        if (destination.Length != count)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values but the tensor has {count}.", nameof(destination));
        }

        CopyElements(destination);
    }

    /// <summary>The single value of a one-element tensor.</summary>
    public T item<T>() where T : unmanaged
    {
        var count = CheckedElementCount<T>();
        if (count != 1)
        {
            throw new TorchException($"item() needs a tensor with exactly one element, this one has {count} (shape {ShapeText(shape)}).");
        }

        Span<T> value = stackalloc T[1];
        CopyElements(value);
        return value[0];
    }

    private long CheckedElementCount<T>() where T : unmanaged
    {
        var wanted = ScalarTypeExtensions.For<T>();
        var actual = dtype;
        if (wanted != actual)
        {
            throw new TorchException($"The tensor holds {actual} values, not {typeof(T).Name} ({wanted}); convert it first with .to(ScalarType.{wanted}).");
        }

        return numel();
    }

    private unsafe void CopyElements<T>(Span<T> destination) where T : unmanaged
    {
        fixed (T* pointer = &MemoryMarshal.GetReference(destination))
        {
            Native.Check(Native.dp_copy_to(handle, pointer, (long)destination.Length * sizeof(T)));
        }
    }

    // ---- ownership ----

    /// <summary>Hands this tensor to the enclosing dispose scope (or to the caller when there is none); returns it.</summary>
    public Tensor MoveToOuterScope()
    {
        OwningScope?.MoveToOuter(this);
        return this;
    }

    /// <summary>Takes this tensor out of every dispose scope: the caller now owns it (e.g. a parameter); returns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        OwningScope?.Release(this);
        return this;
    }

    public void Dispose()
    {
        OwningScope?.Release(this);
        handle.Dispose();
    }

    /// <summary>The values printed like PyTorch prints a tensor (for logs and debugging; large tensors are long).</summary>
    public string str()
    {
        var text = Native.dp_format(handle);
        if (text == IntPtr.Zero)
        {
            throw new TorchException(Native.LastError());
        }

        return Marshal.PtrToStringUTF8(text) ?? string.Empty;
    }

    public override string ToString() =>
        IsDisposed ? "Tensor(disposed)" : $"Tensor(shape={ShapeText(shape)}, dtype={dtype}, device={device}{(requires_grad ? ", requires_grad" : string.Empty)})";

    internal static string ShapeText(long[] sizes) => "[" + string.Join(", ", sizes) + "]";
}
