using System.Runtime.InteropServices;

namespace DistillPlatform.Torch.Interop;

/// <summary>
/// The C ABI of libdistilltorch (native/shim.h explains the conventions). Functions returning a TensorHandle return an
/// invalid handle on failure; functions returning int return 0 on success and -1 on failure. Either way the message is
/// read with <see cref="dp_last_error"/> and raised as a <see cref="TorchException"/> by <see cref="Check(int)"/> /
/// <see cref="Check(TensorHandle)"/>.
/// Other parts of this assembly (nn, optim) add their own entry points to this partial class so they share the loader.
/// </summary>
internal static unsafe partial class Native
{
    private const string Lib = NativeLibraryLoader.LibraryName;

    static Native() => NativeLibraryLoader.Register();

    /// <summary>Turns a failed call's status into a TorchException carrying the native message.</summary>
    internal static void Check(int status)
    {
        if (status != 0)
        {
            throw new TorchException(LastError());
        }
    }

    /// <summary>Wraps a returned handle into a Tensor, or throws the native error when the call failed.</summary>
    internal static Tensor Check(TensorHandle handle)
    {
        if (handle.IsInvalid)
        {
            handle.SetHandleAsInvalid();
            throw new TorchException(LastError());
        }

        return new Tensor(handle);
    }

    /// <summary>Wraps a handle returned through an out-parameter; null stays null.</summary>
    internal static Tensor? FromPointer(IntPtr pointer) => pointer == IntPtr.Zero ? null : new Tensor(new TensorHandle(pointer));

    internal static string LastError() => Marshal.PtrToStringUTF8(dp_last_error()) ?? "unknown native error";

    // ---- errors, lifetime, library facts ----
    [LibraryImport(Lib)] internal static partial IntPtr dp_last_error();
    [LibraryImport(Lib)] internal static partial void dp_tensor_free(IntPtr tensor);
    [LibraryImport(Lib)] internal static partial long dp_live_tensor_count();
    [LibraryImport(Lib)] internal static partial IntPtr dp_torch_version();
    [LibraryImport(Lib)] internal static partial int dp_cuda_is_available();
    [LibraryImport(Lib)] internal static partial void dp_set_num_threads(int threads);
    [LibraryImport(Lib)] internal static partial int dp_get_num_threads();

    // ---- metadata ----
    [LibraryImport(Lib)] internal static partial int dp_ndim(TensorHandle t);
    [LibraryImport(Lib)] internal static partial void dp_sizes(TensorHandle t, long* sizes);
    [LibraryImport(Lib)] internal static partial long dp_numel(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int dp_dtype(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int dp_device_type(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int dp_device_index(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int dp_requires_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int dp_is_leaf(TensorHandle t);

    // ---- creation ----
    [LibraryImport(Lib)] internal static partial TensorHandle dp_from_data(void* data, long* shape, int ndim, int dtype);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_factory(int kind, long* shape, int ndim, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_factory_like(TensorHandle t, int kind);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_full(long* shape, int ndim, double real, long integer, int kind, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_full_like(TensorHandle t, double real, long integer, int kind);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_arange(double start, double end, double step, int integral, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_linspace(double start, double end, long steps, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_eye(long rows, long columns, int dtype, int deviceType, int deviceIndex);

    // ---- conversion and data transfer ----
    [LibraryImport(Lib)] internal static partial TensorHandle dp_to(TensorHandle t, int dtype, int deviceType, int deviceIndex, int copy);
    [LibraryImport(Lib)] internal static partial int dp_copy_to(TensorHandle t, void* destination, long nbytes);

    // ---- random numbers ----
    [LibraryImport(Lib)] internal static partial void dp_manual_seed(ulong seed);
    [LibraryImport(Lib)] internal static partial int dp_rng_state(byte* buffer, long capacity, out long length);
    [LibraryImport(Lib)] internal static partial int dp_set_rng_state(byte* buffer, long length);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_randint(long low, long high, long* shape, int ndim, int dtype, int deviceType, int deviceIndex);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_multinomial(TensorHandle probabilities, long samples, int replacement);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_bernoulli(TensorHandle probabilities);
    [LibraryImport(Lib)] internal static partial int dp_normal_(TensorHandle t, double mean, double std);
    [LibraryImport(Lib)] internal static partial int dp_uniform_(TensorHandle t, double from, double to);
    [LibraryImport(Lib)] internal static partial int dp_bernoulli_(TensorHandle t, double p);

    // ---- autograd ----
    [LibraryImport(Lib)] internal static partial int dp_is_grad_enabled();
    [LibraryImport(Lib)] internal static partial void dp_set_grad_enabled(int enabled);
    [LibraryImport(Lib)] internal static partial int dp_set_requires_grad(TensorHandle t, int requiresGrad);
    [LibraryImport(Lib)] internal static partial int dp_grad(TensorHandle t, out IntPtr grad);
    [LibraryImport(Lib)] internal static partial int dp_set_grad(TensorHandle t, IntPtr grad);
    [LibraryImport(Lib)] internal static partial int dp_retain_grad(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int dp_backward(TensorHandle t, IntPtr gradient, int retainGraph, int createGraph);
    [LibraryImport(Lib)] internal static partial int dp_autograd_grad(IntPtr* outputs, int outputCount, IntPtr* inputs, int inputCount, IntPtr* gradOutputs, int retainGraph, int createGraph, int allowUnused, IntPtr* results);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_detach(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int dp_detach_(TensorHandle t);

    // ---- maths, shapes, reductions (native/ops.cpp) ----
    [LibraryImport(Lib)] internal static partial TensorHandle dp_unary(TensorHandle t, UnaryOp op);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_binary(TensorHandle a, TensorHandle b, BinaryOp op);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_binary_scalar(TensorHandle a, double real, long integer, int kind, BinaryOp op);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_add_scaled(TensorHandle a, TensorHandle b, double real, long integer, int kind);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_shape_op(TensorHandle t, long* dims, int count, ShapeOp op);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_transpose(TensorHandle t, long dim0, long dim1);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_squeeze_dim(TensorHandle t, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_unsqueeze(TensorHandle t, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_flatten(TensorHandle t, long startDim, long endDim);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_narrow(TensorHandle t, long dim, long start, long length);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_slice(TensorHandle t, long dim, long start, long end, long step);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_select(TensorHandle t, long dim, long index);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_index_select(TensorHandle t, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_gather(TensorHandle t, long dim, TensorHandle index);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_index(TensorHandle t, TensorHandle index);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_masked_fill(TensorHandle t, TensorHandle mask, double real, long integer, int kind);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_where(TensorHandle condition, TensorHandle a, TensorHandle b);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_clamp(TensorHandle t, int hasMin, double min, int hasMax, double max);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_cat(IntPtr* tensors, int count, long dim);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_stack(IntPtr* tensors, int count, long dim);
    [LibraryImport(Lib)] internal static partial int dp_split(TensorHandle t, long size, long dim, int byChunks, IntPtr* results, int capacity, out int count);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_reduce(TensorHandle t, long* dims, int count, int hasDims, int keepdim, ReduceOp op);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_std_var(TensorHandle t, long* dims, int count, int hasDims, int unbiased, int keepdim, int isVariance);
    [LibraryImport(Lib)] internal static partial int dp_max_min_dim(TensorHandle t, long dim, int keepdim, int isMin, out IntPtr values, out IntPtr indices);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_argmax_min(TensorHandle t, int hasDim, long dim, int keepdim, int isMin);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_norm(TensorHandle t, double p, long* dims, int count, int hasDims, int keepdim);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_cumsum(TensorHandle t, long dim);
    [LibraryImport(Lib)] internal static partial int dp_sort_topk(TensorHandle t, long k, long dim, int descending, out IntPtr values, out IntPtr indices);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_scatter(TensorHandle t, long dim, TensorHandle index, TensorHandle src, int accumulate);
    [LibraryImport(Lib)] internal static partial TensorHandle dp_bincount(TensorHandle t, long minlength);
    [LibraryImport(Lib)] internal static partial int dp_allclose(TensorHandle a, TensorHandle b, double rtol, double atol, out int result);
    [LibraryImport(Lib)] internal static partial int dp_equal(TensorHandle a, TensorHandle b, out int result);
    [LibraryImport(Lib)] internal static partial IntPtr dp_format(TensorHandle t);

    // ---- in-place updates ----
    [LibraryImport(Lib)] internal static partial int dp_binary_(TensorHandle a, TensorHandle b, InPlaceOp op);
    [LibraryImport(Lib)] internal static partial int dp_binary_scalar_(TensorHandle a, double real, long integer, int kind, InPlaceOp op);
    [LibraryImport(Lib)] internal static partial int dp_add_scaled_(TensorHandle a, TensorHandle b, double alpha);
    [LibraryImport(Lib)] internal static partial int dp_addc_(TensorHandle a, TensorHandle t1, TensorHandle t2, double value, int isDiv);
    [LibraryImport(Lib)] internal static partial int dp_zero_(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int dp_lerp_(TensorHandle a, TensorHandle end, double weight);
    [LibraryImport(Lib)] internal static partial int dp_clamp_(TensorHandle t, int hasMin, double min, int hasMax, double max);
}
