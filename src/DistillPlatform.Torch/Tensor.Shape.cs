using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

// Views, reshaping, joining/splitting and indexing.
public sealed partial class Tensor
{
    private unsafe Tensor ShapeOperation(ReadOnlySpan<long> dims, ShapeOp op)
    {
        fixed (long* pointer = dims)
        {
            return Native.Check(Native.dp_shape_op(handle, pointer, dims.Length, op));
        }
    }

    /// <summary>Same values, new shape (one size may be -1); a view when possible, otherwise a copy.</summary>
    public Tensor reshape(params long[] shape) => ShapeOperation(shape, ShapeOp.Reshape);

    /// <summary>Same storage, new shape; fails for non-contiguous layouts (use reshape).</summary>
    public Tensor view(params long[] shape) => ShapeOperation(shape, ShapeOp.View);

    public Tensor permute(params long[] dims) => ShapeOperation(dims, ShapeOp.Permute);

    /// <summary>Broadcasts size-1 dimensions to <paramref name="sizes"/> without copying (-1 keeps a size).</summary>
    public Tensor expand(params long[] sizes) => ShapeOperation(sizes, ShapeOp.Expand);

    public Tensor expand_as(Tensor other) => expand(other.shape);

    /// <summary>Tiles the tensor: repeats[i] copies along dimension i.</summary>
    public Tensor repeat(params long[] repeats) => ShapeOperation(repeats, ShapeOp.Repeat);

    public Tensor flip(params long[] dims) => ShapeOperation(dims, ShapeOp.Flip);

    public Tensor transpose(long dim0, long dim1) => Native.Check(Native.dp_transpose(handle, dim0, dim1));

    /// <summary>Transpose of a matrix (0-D and 1-D tensors come back unchanged).</summary>
    public Tensor t() => Unary(UnaryOp.Transpose2D);

    /// <summary>Transpose of a matrix, as a property like PyTorch's <c>x.T</c> for 2-D tensors.</summary>
    public Tensor T => t();

    public Tensor squeeze() => Unary(UnaryOp.Squeeze);

    public Tensor squeeze(long dim) => Native.Check(Native.dp_squeeze_dim(handle, dim));

    public Tensor unsqueeze(long dim) => Native.Check(Native.dp_unsqueeze(handle, dim));

    public Tensor flatten(long start_dim = 0, long end_dim = -1) => Native.Check(Native.dp_flatten(handle, start_dim, end_dim));

    public Tensor contiguous() => Unary(UnaryOp.Contiguous);

    /// <summary>A copy with its own storage; stays connected to the autograd graph.</summary>
    public Tensor clone() => Unary(UnaryOp.Clone);

    // ---- selecting parts ----

    /// <summary>The view of <paramref name="length"/> entries starting at <paramref name="start"/> along <paramref name="dim"/>.</summary>
    public Tensor narrow(long dim, long start, long length) => Native.Check(Native.dp_narrow(handle, dim, start, length));

    /// <summary>Python's <c>x[..., start:end:step, ...]</c> on one dimension; bounds are clipped like Python's.</summary>
    public Tensor slice(long dim, long start, long end, long step = 1) => Native.Check(Native.dp_slice(handle, dim, start, end, step));

    /// <summary>The sub-tensor at <paramref name="index"/> along <paramref name="dim"/> (that dimension disappears).</summary>
    public Tensor select(long dim, long index) => Native.Check(Native.dp_select(handle, dim, index));

    /// <summary>Python's <c>x[i]</c>, <c>x[i, j]</c> ...: selects along the leading dimensions (negative counts from the end).</summary>
    public Tensor this[params long[] indices]
    {
        get
        {
            if (indices.Length == 0)
            {
                throw new ArgumentException("Indexing needs at least one index.", nameof(indices));
            }

            var result = select(0, indices[0]);
            for (var i = 1; i < indices.Length; i++)
            {
                using var previous = result;
                result = previous.select(0, indices[i]);
            }

            return result;
        }
    }

    /// <summary>Python's <c>x[index]</c> with an int64 tensor of positions or a bool mask along the first dimension.</summary>
    public Tensor this[Tensor index] => Native.Check(Native.dp_index(handle, index.handle));

    public Tensor index_select(long dim, Tensor index) => Native.Check(Native.dp_index_select(handle, dim, index.handle));

    /// <summary>out[i][j] = this[index[i][j]][j] for dim 0 (and likewise for other dims); index is int64.</summary>
    public Tensor gather(long dim, Tensor index) => Native.Check(Native.dp_gather(handle, dim, index.handle));

    /// <summary>Copy with <paramref name="source"/>'s values written at <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public Tensor scatter(long dim, Tensor index, Tensor source) =>
        Native.Check(Native.dp_scatter(handle, dim, index.handle, source.handle, 0));

    /// <summary>Copy with <paramref name="source"/>'s values added at <paramref name="index"/> along <paramref name="dim"/>.</summary>
    public Tensor scatter_add(long dim, Tensor index, Tensor source) =>
        Native.Check(Native.dp_scatter(handle, dim, index.handle, source.handle, 1));

    /// <summary>Positions of the non-zero elements, one row of indices per element ([count, ndim], int64).</summary>
    public Tensor nonzero() => Unary(UnaryOp.Nonzero);

    /// <summary>Pieces of <paramref name="size"/> entries along <paramref name="dim"/> (the last may be shorter).</summary>
    public Tensor[] split(long size, long dim = 0)
    {
        if (size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "split size must be positive.");
        }

        var length = this.size((int)dim);
        return Split(size, dim, byChunks: false, capacity: (int)Math.Max(1, (length + size - 1) / size));
    }

    /// <summary>At most <paramref name="chunks"/> nearly equal pieces along <paramref name="dim"/>.</summary>
    public Tensor[] chunk(long chunks, long dim = 0)
    {
        if (chunks <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(chunks), chunks, "chunk count must be positive.");
        }

        return Split(chunks, dim, byChunks: true, capacity: (int)chunks);
    }

    private unsafe Tensor[] Split(long size, long dim, bool byChunks, int capacity)
    {
        var pointers = new IntPtr[capacity];
        int count;
        fixed (IntPtr* results = pointers)
        {
            Native.Check(Native.dp_split(handle, size, dim, byChunks ? 1 : 0, results, capacity, out count));
        }

        var pieces = new Tensor[count];
        for (var i = 0; i < count; i++)
        {
            pieces[i] = Native.FromPointer(pointers[i])!;
        }

        return pieces;
    }
}
