using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

// In-place updates (optimizer steps, initialisation). Each returns this tensor. libtorch refuses in-place changes
// to leaves that require grad unless gradients are off (torch.no_grad()), exactly like PyTorch.
public sealed partial class Tensor
{
    private Tensor InPlace(Tensor other, InPlaceOp op)
    {
        ArgumentNullException.ThrowIfNull(other);
        Native.Check(Native.dp_binary_(handle, other.handle, op));
        return this;
    }

    private Tensor InPlace(Scalar other, InPlaceOp op)
    {
        Native.Check(Native.dp_binary_scalar_(handle, other.Real, other.Integer, other.KindCode, op));
        return this;
    }

    /// <summary>this += alpha * other.</summary>
    public Tensor add_(Tensor other, double alpha = 1)
    {
        if (alpha == 1)
        {
            return InPlace(other, InPlaceOp.Add);
        }

        Native.Check(Native.dp_add_scaled_(handle, other.handle, alpha));
        return this;
    }

    public Tensor add_(Scalar other) => InPlace(other, InPlaceOp.Add);
    public Tensor sub_(Tensor other) => InPlace(other, InPlaceOp.Sub);
    public Tensor sub_(Scalar other) => InPlace(other, InPlaceOp.Sub);
    public Tensor mul_(Tensor other) => InPlace(other, InPlaceOp.Mul);
    public Tensor mul_(Scalar other) => InPlace(other, InPlaceOp.Mul);
    public Tensor div_(Tensor other) => InPlace(other, InPlaceOp.Div);
    public Tensor div_(Scalar other) => InPlace(other, InPlaceOp.Div);

    /// <summary>Copies <paramref name="source"/>'s values (broadcast, converted) into this tensor.</summary>
    public Tensor copy_(Tensor source) => InPlace(source, InPlaceOp.CopyOrFill);

    public Tensor fill_(Scalar value) => InPlace(value, InPlaceOp.CopyOrFill);

    public Tensor zero_()
    {
        Native.Check(Native.dp_zero_(handle));
        return this;
    }

    /// <summary>this += value * tensor1 * tensor2.</summary>
    public Tensor addcmul_(Tensor tensor1, Tensor tensor2, double value = 1)
    {
        Native.Check(Native.dp_addc_(handle, tensor1.handle, tensor2.handle, value, 0));
        return this;
    }

    /// <summary>this += value * tensor1 / tensor2.</summary>
    public Tensor addcdiv_(Tensor tensor1, Tensor tensor2, double value = 1)
    {
        Native.Check(Native.dp_addc_(handle, tensor1.handle, tensor2.handle, value, 1));
        return this;
    }

    public Tensor clamp_(double? min = null, double? max = null)
    {
        RequireBound(min, max);
        Native.Check(Native.dp_clamp_(handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));
        return this;
    }

    /// <summary>this += weight * (end - this): moves towards <paramref name="end"/> (exponential moving averages).</summary>
    public Tensor lerp_(Tensor end, double weight)
    {
        Native.Check(Native.dp_lerp_(handle, end.handle, weight));
        return this;
    }

    /// <summary>Fills with samples of N(mean, std²) from the default generator.</summary>
    public Tensor normal_(double mean = 0, double std = 1)
    {
        Native.Check(Native.dp_normal_(handle, mean, std));
        return this;
    }

    /// <summary>Fills with samples of U[from, to) from the default generator.</summary>
    public Tensor uniform_(double from = 0, double to = 1)
    {
        Native.Check(Native.dp_uniform_(handle, from, to));
        return this;
    }

    /// <summary>Fills with 1 (probability p) or 0 from the default generator.</summary>
    public Tensor bernoulli_(double p = 0.5)
    {
        Native.Check(Native.dp_bernoulli_(handle, p));
        return this;
    }
}
