using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

// Reductions. Overloads without dimensions reduce over every element; keepdim keeps reduced dimensions with size 1.
public sealed partial class Tensor
{
    private unsafe Tensor Reduce(ReadOnlySpan<long> dims, bool hasDims, bool keepdim, ReduceOp op)
    {
        fixed (long* pointer = dims)
        {
            return Native.Check(Native.dp_reduce(handle, pointer, dims.Length, hasDims ? 1 : 0, keepdim ? 1 : 0, op));
        }
    }

    public Tensor sum() => Reduce([], false, false, ReduceOp.Sum);
    public Tensor sum(long dim, bool keepdim = false) => Reduce([dim], true, keepdim, ReduceOp.Sum);
    public Tensor sum(long[] dims, bool keepdim = false) => Reduce(dims, true, keepdim, ReduceOp.Sum);

    public Tensor mean() => Reduce([], false, false, ReduceOp.Mean);
    public Tensor mean(long dim, bool keepdim = false) => Reduce([dim], true, keepdim, ReduceOp.Mean);
    public Tensor mean(long[] dims, bool keepdim = false) => Reduce(dims, true, keepdim, ReduceOp.Mean);

    /// <summary>log(sum(exp(x))) computed without overflow.</summary>
    public Tensor logsumexp(long dim, bool keepdim = false) => Reduce([dim], true, keepdim, ReduceOp.LogSumExp);
    public Tensor logsumexp(long[] dims, bool keepdim = false) => Reduce(dims, true, keepdim, ReduceOp.LogSumExp);

    /// <summary>Largest element.</summary>
    public Tensor max() => Reduce([], false, false, ReduceOp.Max);

    /// <summary>Largest values along <paramref name="dim"/> and their int64 positions.</summary>
    public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false) => MaxMin(dim, keepdim, isMin: false);

    /// <summary>Largest values over several dimensions (no positions), like torch.amax.</summary>
    public Tensor amax(long[] dims, bool keepdim = false) => Reduce(dims, true, keepdim, ReduceOp.Max);

    public Tensor min() => Reduce([], false, false, ReduceOp.Min);
    public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false) => MaxMin(dim, keepdim, isMin: true);
    public Tensor amin(long[] dims, bool keepdim = false) => Reduce(dims, true, keepdim, ReduceOp.Min);

    private (Tensor values, Tensor indexes) MaxMin(long dim, bool keepdim, bool isMin)
    {
        Native.Check(Native.dp_max_min_dim(handle, dim, keepdim ? 1 : 0, isMin ? 1 : 0, out var values, out var indexes));
        return (Native.FromPointer(values)!, Native.FromPointer(indexes)!);
    }

    /// <summary>Position of the largest element in the flattened tensor (int64).</summary>
    public Tensor argmax() => Native.Check(Native.dp_argmax_min(handle, 0, 0, 0, 0));
    public Tensor argmax(long dim, bool keepdim = false) => Native.Check(Native.dp_argmax_min(handle, 1, dim, keepdim ? 1 : 0, 0));
    public Tensor argmin() => Native.Check(Native.dp_argmax_min(handle, 0, 0, 0, 1));
    public Tensor argmin(long dim, bool keepdim = false) => Native.Check(Native.dp_argmax_min(handle, 1, dim, keepdim ? 1 : 0, 1));

    /// <summary>Standard deviation; unbiased divides by N-1 (PyTorch's default).</summary>
    public Tensor std(bool unbiased = true) => StdVar([], false, unbiased, false, isVariance: false);
    public Tensor std(long dim, bool unbiased = true, bool keepdim = false) => StdVar([dim], true, unbiased, keepdim, isVariance: false);
    public Tensor std(long[] dims, bool unbiased = true, bool keepdim = false) => StdVar(dims, true, unbiased, keepdim, isVariance: false);

    public Tensor var(bool unbiased = true) => StdVar([], false, unbiased, false, isVariance: true);
    public Tensor var(long dim, bool unbiased = true, bool keepdim = false) => StdVar([dim], true, unbiased, keepdim, isVariance: true);
    public Tensor var(long[] dims, bool unbiased = true, bool keepdim = false) => StdVar(dims, true, unbiased, keepdim, isVariance: true);

    private unsafe Tensor StdVar(ReadOnlySpan<long> dims, bool hasDims, bool unbiased, bool keepdim, bool isVariance)
    {
        fixed (long* pointer = dims)
        {
            return Native.Check(Native.dp_std_var(handle, pointer, dims.Length, hasDims ? 1 : 0, unbiased ? 1 : 0, keepdim ? 1 : 0, isVariance ? 1 : 0));
        }
    }

    /// <summary>p-norm of all elements (p = 2: Euclidean).</summary>
    public Tensor norm(double p = 2) => Norm([], false, false, p);

    /// <summary>p-norm over <paramref name="dims"/>, e.g. per-sample gradient norms with dims = [1, 2, ...].</summary>
    public Tensor norm(long[] dims, bool keepdim = false, double p = 2) => Norm(dims, true, keepdim, p);

    private unsafe Tensor Norm(ReadOnlySpan<long> dims, bool hasDims, bool keepdim, double p)
    {
        fixed (long* pointer = dims)
        {
            return Native.Check(Native.dp_norm(handle, p, pointer, dims.Length, hasDims ? 1 : 0, keepdim ? 1 : 0));
        }
    }

    /// <summary>Values sorted along <paramref name="dim"/> and their int64 positions in this tensor.</summary>
    public (Tensor values, Tensor indices) sort(long dim = -1, bool descending = false) => SortTopK(-1, dim, descending);

    /// <summary>Positions that would sort the values along <paramref name="dim"/>.</summary>
    public Tensor argsort(long dim = -1, bool descending = false)
    {
        var (values, indices) = sort(dim, descending);
        values.Dispose();
        return indices;
    }

    /// <summary>The <paramref name="k"/> largest (or smallest) values along <paramref name="dim"/>, sorted, with positions.</summary>
    public (Tensor values, Tensor indices) topk(long k, long dim = -1, bool largest = true)
    {
        if (k < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "topk needs k >= 0.");
        }

        return SortTopK(k, dim, largest);
    }

    private (Tensor values, Tensor indices) SortTopK(long k, long dim, bool descending)
    {
        Native.Check(Native.dp_sort_topk(handle, k, dim, descending ? 1 : 0, out var values, out var indices));
        return (Native.FromPointer(values)!, Native.FromPointer(indices)!);
    }

    /// <summary>Occurrences of each value 0..max of a 1-D non-negative int64 tensor (at least <paramref name="minlength"/> bins).</summary>
    public Tensor bincount(long minlength = 0) => Native.Check(Native.dp_bincount(handle, minlength));

    public Tensor cumsum(long dim) => Native.Check(Native.dp_cumsum(handle, dim));

    /// <summary>Whether every element is true (non-zero), as a 0-D bool tensor.</summary>
    public Tensor all() => Unary(UnaryOp.All);

    /// <summary>Whether any element is true (non-zero), as a 0-D bool tensor.</summary>
    public Tensor any() => Unary(UnaryOp.Any);
}
