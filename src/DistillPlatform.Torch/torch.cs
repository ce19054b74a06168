using System.Runtime.InteropServices;
using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

/// <summary>
/// Entry point shaped like PyTorch's <c>torch</c> module: <c>torch.zeros(2, 3)</c>, <c>torch.randn(...)</c>,
/// <c>torch.no_grad()</c>, <c>torch.autograd.grad(...)</c>. Partial: torch.nn and torch.optim live in their own files.
/// Factories default to float32 on the CPU, like PyTorch.
/// </summary>
public static partial class torch
{
    // ---- element types and devices ----

    public const ScalarType float32 = ScalarType.Float32;
    public const ScalarType float64 = ScalarType.Float64;
    public const ScalarType int64 = ScalarType.Int64;
    public const ScalarType int32 = ScalarType.Int32;
    public const ScalarType uint8 = ScalarType.UInt8;
    public const ScalarType @bool = ScalarType.Bool;

    public static readonly Device CPU = Device.CPU;
    public static readonly Device CUDA = Device.CUDA;

    public static Device device(string description) => Device.Parse(description);

    /// <summary>CUDA availability (always false with Debian's CPU-only libtorch; devices are still passed through).</summary>
    public static class cuda
    {
        public static bool is_available() => Native.dp_cuda_is_available() != 0;
    }

    // ---- tensors from data ----

    /// <summary>A tensor holding a copy of <paramref name="data"/>; <paramref name="shape"/> defaults to 1-D.</summary>
    public static Tensor tensor(float[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromData<float>(data, shape, dtype, device, requires_grad);

    public static Tensor tensor(double[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromData<double>(data, shape, dtype, device, requires_grad);

    public static Tensor tensor(long[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromData<long>(data, shape, dtype, device, requires_grad);

    public static Tensor tensor(int[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromData<int>(data, shape, dtype, device, requires_grad);

    public static Tensor tensor(bool[] data, long[]? shape = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromData<bool>(data, shape, dtype, device, requires_grad);

    /// <summary>A 0-D tensor holding one value (float32).</summary>
    public static Tensor tensor(float value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromData<float>([value], [], dtype, device, requires_grad);

    /// <summary>A 0-D tensor holding one value (float64).</summary>
    public static Tensor tensor(double value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromData<double>([value], [], dtype, device, requires_grad);

    /// <summary>A 0-D tensor holding one value (int64).</summary>
    public static Tensor tensor(long value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromData<long>([value], [], dtype, device, requires_grad);

    /// <summary>A 0-D tensor holding one value (bool).</summary>
    public static Tensor tensor(bool value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        FromData<bool>([value], [], dtype, device, requires_grad);

    /// <summary>A tensor with the shape and values of a (multi-dimensional) .NET array, e.g. <c>float[,]</c>.</summary>
    public static Tensor from_array(Array array, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(array);
        var shape = new long[array.Rank];
        for (var i = 0; i < shape.Length; i++)
        {
            shape[i] = array.GetLength(i);
        }

        var bytes = MemoryMarshal.CreateReadOnlySpan(ref MemoryMarshal.GetArrayDataReference(array), checked((int)(array.LongLength * ElementSize(array))));
        return array.GetType().GetElementType() switch
        {
            var t when t == typeof(float) => FromData(MemoryMarshal.Cast<byte, float>(bytes), shape, dtype, device, requires_grad),
            var t when t == typeof(double) => FromData(MemoryMarshal.Cast<byte, double>(bytes), shape, dtype, device, requires_grad),
            var t when t == typeof(long) => FromData(MemoryMarshal.Cast<byte, long>(bytes), shape, dtype, device, requires_grad),
            var t when t == typeof(int) => FromData(MemoryMarshal.Cast<byte, int>(bytes), shape, dtype, device, requires_grad),
            var t when t == typeof(bool) => FromData(MemoryMarshal.Cast<byte, bool>(bytes), shape, dtype, device, requires_grad),
            var t => throw new ArgumentException($"Arrays of {t?.Name} cannot become tensors; use float, double, long, int or bool.", nameof(array)),
        };
    }

    /// <summary>A tensor holding a copy of <paramref name="data"/> (row-major) with the given shape.</summary>
    public static Tensor from_span<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, bool requires_grad = false) where T : unmanaged =>
        FromData(data, shape.ToArray(), null, null, requires_grad);

    private static int ElementSize(Array array) => Type.GetTypeCode(array.GetType().GetElementType()) switch
    {
        TypeCode.Double or TypeCode.Int64 => 8,
        TypeCode.Single or TypeCode.Int32 => 4,
        TypeCode.Boolean => 1,
        _ => 0,
    };

    private static unsafe Tensor FromData<T>(ReadOnlySpan<T> data, long[]? shape, ScalarType? dtype, Device? device, bool requiresGrad)
        where T : unmanaged
    {
        // No shape means a 1-D tensor, like torch.tensor([...]); 0-D tensors pass an empty shape.
        long[] sizes = shape ?? [data.Length];
        long expected = 1;
        foreach (var size in sizes)
        {
            if (size < 0)
            {
                throw new ArgumentException($"Shape {Tensor.ShapeText(sizes)} has a negative size.", nameof(shape));
            }

            expected *= size;
        }

        if (expected != data.Length)
        {
            throw new ArgumentException($"Shape {Tensor.ShapeText(sizes)} needs {expected} values but {data.Length} were given.", nameof(data));
        }

        Tensor created;
        fixed (T* values = data)
        fixed (long* dims = sizes)
        {
            created = Native.Check(Native.dp_from_data(values, dims, sizes.Length, (int)ScalarTypeExtensions.For<T>()));
        }

        return Finish(created, dtype, device, requiresGrad);
    }

    // Converts a freshly created tensor when the caller asked for another type or device, then applies requires_grad.
    private static Tensor Finish(Tensor created, ScalarType? dtype, Device? device, bool requiresGrad)
    {
        var result = created;
        if ((dtype is { } type && type != created.dtype) || (device is { } target && target.Type != DeviceType.CPU))
        {
            using (created)
            {
                result = created.to(dtype ?? created.dtype, device ?? Device.CPU);
            }
        }

        return requiresGrad ? result.requires_grad_() : result;
    }

    // ---- factories ----

    public static Tensor zeros(params long[] size) => zeros(size, dtype: null);
    public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(FactoryKind.Zeros, size, dtype, device, requires_grad);

    public static Tensor ones(params long[] size) => ones(size, dtype: null);
    public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(FactoryKind.Ones, size, dtype, device, requires_grad);

    /// <summary>Uninitialised memory: every element must be written before it is read.</summary>
    public static Tensor empty(params long[] size) => empty(size, dtype: null);
    public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(FactoryKind.Empty, size, dtype, device, requires_grad);

    /// <summary>Samples of N(0, 1) from the default generator (see <see cref="manual_seed"/>).</summary>
    public static Tensor randn(params long[] size) => randn(size, dtype: null);
    public static Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(FactoryKind.Randn, size, dtype, device, requires_grad);

    /// <summary>Samples of U[0, 1) from the default generator.</summary>
    public static Tensor rand(params long[] size) => rand(size, dtype: null);
    public static Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
        Factory(FactoryKind.Rand, size, dtype, device, requires_grad);

    private static unsafe Tensor Factory(FactoryKind kind, long[] size, ScalarType? dtype, Device? device, bool requiresGrad)
    {
        ArgumentNullException.ThrowIfNull(size);
        var target = device ?? Device.CPU;
        Tensor created;
        fixed (long* dims = size)
        {
            created = Native.Check(Native.dp_factory((int)kind, dims, size.Length, (int)(dtype ?? float32), (int)target.Type, target.Index));
        }

        return requiresGrad ? created.requires_grad_() : created;
    }

    /// <summary>A tensor filled with <paramref name="value"/>; the type follows the value (int64 for 2, float32 for 2.0) unless given.</summary>
    public static unsafe Tensor full(long[] size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        ArgumentNullException.ThrowIfNull(size);
        var target = device ?? Device.CPU;
        var type = dtype ?? (value.IsIntegral ? (value.Kind == Scalar.ScalarKind.Bool ? @bool : int64) : float32);
        Tensor created;
        fixed (long* dims = size)
        {
            created = Native.Check(Native.dp_full(dims, size.Length, value.Real, value.Integer, value.KindCode, (int)type, (int)target.Type, target.Index));
        }

        return requires_grad ? created.requires_grad_() : created;
    }

    /// <summary>start, start + step, ... up to (excluding) end; int64 when all bounds are integral, float32 otherwise.</summary>
    public static Tensor arange(Scalar start, Scalar end, Scalar? step = null, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var stride = step ?? 1;
        var integral = start.IsIntegral && end.IsIntegral && stride.IsIntegral;
        var target = device ?? Device.CPU;
        var created = Native.Check(Native.dp_arange(start.ToDouble(), end.ToDouble(), stride.ToDouble(), integral ? 1 : 0,
            dtype is { } type ? (int)type : -1, (int)target.Type, target.Index));
        return requires_grad ? created.requires_grad_() : created;
    }

    public static Tensor arange(Scalar end) => arange(0, end);

    /// <summary><paramref name="steps"/> evenly spaced values from start to end inclusive.</summary>
    public static Tensor linspace(double start, double end, long steps, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var target = device ?? Device.CPU;
        var created = Native.Check(Native.dp_linspace(start, end, steps, (int)(dtype ?? float32), (int)target.Type, target.Index));
        return requires_grad ? created.requires_grad_() : created;
    }

    /// <summary>Identity matrix with n rows and m columns (m defaults to n).</summary>
    public static Tensor eye(long n, long m = -1, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
    {
        var target = device ?? Device.CPU;
        var created = Native.Check(Native.dp_eye(n, m < 0 ? n : m, (int)(dtype ?? float32), (int)target.Type, target.Index));
        return requires_grad ? created.requires_grad_() : created;
    }

    public static Tensor zeros_like(Tensor like) => Native.Check(Native.dp_factory_like(like.Handle, (int)FactoryKind.Zeros));
    public static Tensor ones_like(Tensor like) => Native.Check(Native.dp_factory_like(like.Handle, (int)FactoryKind.Ones));
    public static Tensor empty_like(Tensor like) => Native.Check(Native.dp_factory_like(like.Handle, (int)FactoryKind.Empty));
    public static Tensor randn_like(Tensor like) => Native.Check(Native.dp_factory_like(like.Handle, (int)FactoryKind.Randn));
    public static Tensor rand_like(Tensor like) => Native.Check(Native.dp_factory_like(like.Handle, (int)FactoryKind.Rand));
    public static Tensor full_like(Tensor like, Scalar value) =>
        Native.Check(Native.dp_full_like(like.Handle, value.Real, value.Integer, value.KindCode));

    // ---- memory ----

    /// <summary>Opens a scope that frees every tensor created on this thread until it is disposed (see <see cref="DisposeScope"/>).</summary>
    public static DisposeScope NewDisposeScope() => DisposeScope.Open();
}
