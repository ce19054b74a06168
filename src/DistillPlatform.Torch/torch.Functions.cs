using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

// Function forms of tensor operations (torch.exp(x) == x.exp()) and operations over several tensors.
public static partial class torch
{
    /// <summary>Joins tensors along an existing dimension.</summary>
    public static unsafe Tensor cat(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        RequireTensors(tensors, nameof(cat));
        using var handles = new HandleList(tensors);
        fixed (IntPtr* pointers = handles.Pointers)
        {
            return Native.Check(Native.dp_cat(pointers, tensors.Count, dim));
        }
    }

    /// <summary>Joins equally shaped tensors along a new dimension.</summary>
    public static unsafe Tensor stack(IReadOnlyList<Tensor> tensors, long dim = 0)
    {
        RequireTensors(tensors, nameof(stack));
        using var handles = new HandleList(tensors);
        fixed (IntPtr* pointers = handles.Pointers)
        {
            return Native.Check(Native.dp_stack(pointers, tensors.Count, dim));
        }
    }

    /// <summary>Element-wise choice: <paramref name="x"/> where <paramref name="condition"/> is true, else <paramref name="y"/>.</summary>
    public static Tensor where(Tensor condition, Tensor x, Tensor y) =>
        Native.Check(Native.dp_where(condition.Handle, x.Handle, y.Handle));

    public static Tensor maximum(Tensor a, Tensor b) => a.maximum(b);
    public static Tensor minimum(Tensor a, Tensor b) => a.minimum(b);
    public static Tensor matmul(Tensor a, Tensor b) => a.matmul(b);
    public static Tensor mm(Tensor a, Tensor b) => a.mm(b);
    public static Tensor bmm(Tensor a, Tensor b) => a.bmm(b);
    public static Tensor pow(Tensor x, Scalar exponent) => x.pow(exponent);
    public static Tensor pow(Tensor x, Tensor exponent) => x.pow(exponent);
    public static Tensor pow(Scalar x, Tensor exponent) => exponent.Binary(x, BinaryOp.ReversePow);
    public static Tensor outer(Tensor a, Tensor b) => a.outer(b);
    public static Tensor erf(Tensor x) => x.erf();
    public static bool allclose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8) => a.allclose(b, rtol, atol);
    public static bool equal(Tensor a, Tensor b) => a.equal(b);
    public static Tensor exp(Tensor x) => x.exp();
    public static Tensor log(Tensor x) => x.log();
    public static Tensor sqrt(Tensor x) => x.sqrt();
    public static Tensor abs(Tensor x) => x.abs();
    public static Tensor sign(Tensor x) => x.sign();
    public static Tensor sigmoid(Tensor x) => x.sigmoid();
    public static Tensor tanh(Tensor x) => x.tanh();
    public static Tensor relu(Tensor x) => x.relu();
    public static Tensor clamp(Tensor x, double? min = null, double? max = null) => x.clamp(min, max);
    public static Tensor sum(Tensor x) => x.sum();
    public static Tensor mean(Tensor x) => x.mean();
    public static Tensor logsumexp(Tensor x, long dim, bool keepdim = false) => x.logsumexp(dim, keepdim);
    public static Tensor argmax(Tensor x, long dim, bool keepdim = false) => x.argmax(dim, keepdim);
    public static Tensor flatten(Tensor x, long start_dim = 0, long end_dim = -1) => x.flatten(start_dim, end_dim);
    public static Tensor reshape(Tensor x, params long[] shape) => x.reshape(shape);
    public static Tensor transpose(Tensor x, long dim0, long dim1) => x.transpose(dim0, dim1);
    public static Tensor squeeze(Tensor x, long dim) => x.squeeze(dim);
    public static Tensor unsqueeze(Tensor x, long dim) => x.unsqueeze(dim);
    public static Tensor index_select(Tensor x, long dim, Tensor index) => x.index_select(dim, index);
    public static Tensor gather(Tensor x, long dim, Tensor index) => x.gather(dim, index);
    public static Tensor norm(Tensor x, double p = 2) => x.norm(p);

    private static void RequireTensors(IReadOnlyList<Tensor> tensors, string operation)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException($"{operation} needs at least one tensor.", nameof(tensors));
        }

        if (tensors.Any(t => t is null))
        {
            throw new ArgumentException($"{operation} got a null tensor.", nameof(tensors));
        }
    }
}
