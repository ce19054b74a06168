using DistillPlatform.SafeTensors;

namespace DistillPlatform.Torch.nn;

/// <summary>
/// The few tensor services nn and optim need beyond the public Tensor API: optional-handle passing, ownership
/// transfer for registered tensors, gradient-free in-place updates of parameters, and safetensors conversion.
/// </summary>
internal static class TensorInterop
{
    /// <summary>Raw pointer of an optional tensor (zero when absent); pair the call with <see cref="Keep"/>.</summary>
    internal static IntPtr Optional(Tensor? tensor) => tensor is null ? IntPtr.Zero : tensor.Handle.DangerousGetHandle();

    /// <summary>
    /// Returns <paramref name="result"/>; reading <paramref name="kept"/> after the native call keeps the optional
    /// tensors passed as raw pointers reachable (so not finalized) until the call has returned.
    /// </summary>
    internal static Tensor Keep(Tensor result, params Tensor?[] kept)
    {
        GC.KeepAlive(kept);
        return result;
    }

    /// <summary>Removes a tensor from every dispose scope: from now on a module (or optimizer) owns it.</summary>
    internal static Tensor TakeOwnership(Tensor tensor) => tensor.DetachFromDisposeScope();

    internal static Tensor Empty(params long[] shape) => torch.empty(shape, ScalarType.Float32);

    internal static Tensor Zeros(params long[] shape) => torch.zeros(shape, ScalarType.Float32);

    internal static Tensor Ones(params long[] shape) => torch.ones(shape, ScalarType.Float32);

    /// <summary>A 0-dimensional int64 tensor (e.g. batch norm's num_batches_tracked).</summary>
    internal static Tensor ScalarInt64(long value) => torch.tensor(value);

    /// <summary>destination ← source in place, outside autograd (so leaf parameters may be overwritten).</summary>
    internal static void CopyWithoutGrad(Tensor destination, Tensor source)
    {
        using (torch.no_grad())
            destination.copy_(source);
    }

    /// <summary>Zeroes a (possibly trainable) tensor in place, outside autograd.</summary>
    internal static void FillZero(Tensor tensor)
    {
        using (torch.no_grad())
            tensor.zero_();
    }

    /// <summary>Adds one to a counter tensor in place, outside autograd.</summary>
    internal static void IncrementInPlace(Tensor counter)
    {
        using (torch.no_grad())
            counter.add_(1);
    }

    /// <summary>Appends a tensor's data (copied to the CPU) to a safetensors document under <paramref name="name"/>.</summary>
    internal static void AddTo(SafeTensorsBuilder builder, string name, Tensor tensor)
    {
        var shape = tensor.shape;
        switch (tensor.dtype)
        {
            case ScalarType.Float32: builder.Add(name, ToCpuArray<float>(tensor), shape); break;
            case ScalarType.Float64: builder.Add(name, ToCpuArray<double>(tensor), shape); break;
            case ScalarType.Int64: builder.Add(name, ToCpuArray<long>(tensor), shape); break;
            case ScalarType.Int32: builder.Add(name, ToCpuArray<int>(tensor), shape); break;
            case ScalarType.Bool: builder.Add(name, ToCpuArray<bool>(tensor), shape); break;
            default:
                throw new NotSupportedException(
                    $"Tensor '{name}' has dtype {tensor.dtype}, which safetensors state files do not store (float32/64, int64/32, bool).");
        }
    }

    private static T[] ToCpuArray<T>(Tensor tensor) where T : unmanaged
    {
        if (tensor.device.Type == DeviceType.CPU)
            return tensor.ToArray<T>();
        using var onCpu = tensor.cpu();
        return onCpu.ToArray<T>();
    }

    /// <summary>Reads one tensor of a safetensors file into a new CPU tensor of the stored dtype.</summary>
    internal static Tensor ReadFrom(SafeTensorsFile file, TensorInfo info) => info.DType switch
    {
        SafeTensorDType.Float32 => torch.from_span<float>(file.Read<float>(info.Name), info.Shape),
        SafeTensorDType.Float64 => torch.from_span<double>(file.Read<double>(info.Name), info.Shape),
        SafeTensorDType.Int64 => torch.from_span<long>(file.Read<long>(info.Name), info.Shape),
        SafeTensorDType.Int32 => torch.from_span<int>(file.Read<int>(info.Name), info.Shape),
        SafeTensorDType.Bool => torch.from_span<bool>(file.Read<bool>(info.Name), info.Shape),
        _ => throw new NotSupportedException($"Tensor '{info.Name}' is stored as {info.DType}, which state dicts do not use."),
    };
}
