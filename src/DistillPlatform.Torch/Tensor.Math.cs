using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

// Element-wise arithmetic, comparisons and maths, with the PyTorch broadcasting and type-promotion rules.
public sealed partial class Tensor
{
    internal Tensor Unary(UnaryOp op) => Native.Check(Native.dp_unary(handle, op));

    internal Tensor Binary(Tensor other, BinaryOp op)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Native.Check(Native.dp_binary(handle, other.handle, op));
    }

    internal Tensor Binary(Scalar other, BinaryOp op) =>
        Native.Check(Native.dp_binary_scalar(handle, other.Real, other.Integer, other.KindCode, op));

    // ---- operators ----

    public static Tensor operator +(Tensor a, Tensor b) => a.Binary(b, BinaryOp.Add);
    public static Tensor operator +(Tensor a, Scalar b) => a.Binary(b, BinaryOp.Add);
    public static Tensor operator +(Scalar a, Tensor b) => b.Binary(a, BinaryOp.Add);
    public static Tensor operator -(Tensor a, Tensor b) => a.Binary(b, BinaryOp.Sub);
    public static Tensor operator -(Tensor a, Scalar b) => a.Binary(b, BinaryOp.Sub);
    public static Tensor operator -(Scalar a, Tensor b) => b.Binary(a, BinaryOp.ReverseSub);
    public static Tensor operator *(Tensor a, Tensor b) => a.Binary(b, BinaryOp.Mul);
    public static Tensor operator *(Tensor a, Scalar b) => a.Binary(b, BinaryOp.Mul);
    public static Tensor operator *(Scalar a, Tensor b) => b.Binary(a, BinaryOp.Mul);
    public static Tensor operator /(Tensor a, Tensor b) => a.Binary(b, BinaryOp.Div);
    public static Tensor operator /(Tensor a, Scalar b) => a.Binary(b, BinaryOp.Div);
    public static Tensor operator /(Scalar a, Tensor b) => b.Binary(a, BinaryOp.ReverseDiv);
    public static Tensor operator %(Tensor a, Tensor b) => a.Binary(b, BinaryOp.Remainder);
    public static Tensor operator %(Tensor a, Scalar b) => a.Binary(b, BinaryOp.Remainder);
    public static Tensor operator -(Tensor a) => a.Unary(UnaryOp.Neg);
    public static Tensor operator <(Tensor a, Tensor b) => a.Binary(b, BinaryOp.Lt);
    public static Tensor operator <(Tensor a, Scalar b) => a.Binary(b, BinaryOp.Lt);
    public static Tensor operator >(Tensor a, Tensor b) => a.Binary(b, BinaryOp.Gt);
    public static Tensor operator >(Tensor a, Scalar b) => a.Binary(b, BinaryOp.Gt);
    public static Tensor operator <=(Tensor a, Tensor b) => a.Binary(b, BinaryOp.Le);
    public static Tensor operator <=(Tensor a, Scalar b) => a.Binary(b, BinaryOp.Le);
    public static Tensor operator >=(Tensor a, Tensor b) => a.Binary(b, BinaryOp.Ge);
    public static Tensor operator >=(Tensor a, Scalar b) => a.Binary(b, BinaryOp.Ge);
    public static Tensor operator &(Tensor a, Tensor b) => a.Binary(b, BinaryOp.LogicalAnd);
    public static Tensor operator |(Tensor a, Tensor b) => a.Binary(b, BinaryOp.LogicalOr);
    public static Tensor operator !(Tensor a) => a.Unary(UnaryOp.LogicalNot);

    // ---- arithmetic as methods ----

    /// <summary>this + alpha * other.</summary>
    public Tensor add(Tensor other, Scalar? alpha = null) => alpha is { } scale
        ? Native.Check(Native.dp_add_scaled(handle, other.handle, scale.Real, scale.Integer, scale.KindCode))
        : Binary(other, BinaryOp.Add);

    public Tensor add(Scalar other) => Binary(other, BinaryOp.Add);

    /// <summary>this - alpha * other.</summary>
    public Tensor sub(Tensor other, Scalar? alpha = null) => alpha is { } scale
        ? add(other, scale.Negated())
        : Binary(other, BinaryOp.Sub);

    public Tensor sub(Scalar other) => Binary(other, BinaryOp.Sub);
    public Tensor mul(Tensor other) => Binary(other, BinaryOp.Mul);
    public Tensor mul(Scalar other) => Binary(other, BinaryOp.Mul);
    public Tensor div(Tensor other) => Binary(other, BinaryOp.Div);
    public Tensor div(Scalar other) => Binary(other, BinaryOp.Div);
    public Tensor pow(Tensor exponent) => Binary(exponent, BinaryOp.Pow);
    public Tensor pow(Scalar exponent) => Binary(exponent, BinaryOp.Pow);
    public Tensor remainder(Scalar other) => Binary(other, BinaryOp.Remainder);
    public Tensor maximum(Tensor other) => Binary(other, BinaryOp.Maximum);
    public Tensor minimum(Tensor other) => Binary(other, BinaryOp.Minimum);
    public Tensor atan2(Tensor other) => Binary(other, BinaryOp.Atan2);

    // ---- comparisons (bool results) ----

    public Tensor eq(Tensor other) => Binary(other, BinaryOp.Eq);
    public Tensor eq(Scalar other) => Binary(other, BinaryOp.Eq);
    public Tensor ne(Tensor other) => Binary(other, BinaryOp.Ne);
    public Tensor ne(Scalar other) => Binary(other, BinaryOp.Ne);
    public Tensor lt(Tensor other) => Binary(other, BinaryOp.Lt);
    public Tensor lt(Scalar other) => Binary(other, BinaryOp.Lt);
    public Tensor le(Tensor other) => Binary(other, BinaryOp.Le);
    public Tensor le(Scalar other) => Binary(other, BinaryOp.Le);
    public Tensor gt(Tensor other) => Binary(other, BinaryOp.Gt);
    public Tensor gt(Scalar other) => Binary(other, BinaryOp.Gt);
    public Tensor ge(Tensor other) => Binary(other, BinaryOp.Ge);
    public Tensor ge(Scalar other) => Binary(other, BinaryOp.Ge);
    public Tensor logical_and(Tensor other) => Binary(other, BinaryOp.LogicalAnd);
    public Tensor logical_or(Tensor other) => Binary(other, BinaryOp.LogicalOr);
    public Tensor logical_not() => Unary(UnaryOp.LogicalNot);
    public Tensor isnan() => Unary(UnaryOp.IsNan);
    public Tensor isfinite() => Unary(UnaryOp.IsFinite);

    // ---- element-wise functions ----

    public Tensor neg() => Unary(UnaryOp.Neg);
    public Tensor abs() => Unary(UnaryOp.Abs);
    public Tensor exp() => Unary(UnaryOp.Exp);
    public Tensor log() => Unary(UnaryOp.Log);
    public Tensor sqrt() => Unary(UnaryOp.Sqrt);
    public Tensor rsqrt() => Unary(UnaryOp.Rsqrt);
    public Tensor sigmoid() => Unary(UnaryOp.Sigmoid);
    public Tensor tanh() => Unary(UnaryOp.Tanh);
    public Tensor relu() => Unary(UnaryOp.Relu);
    public Tensor sign() => Unary(UnaryOp.Sign);
    public Tensor sin() => Unary(UnaryOp.Sin);
    public Tensor cos() => Unary(UnaryOp.Cos);
    public Tensor floor() => Unary(UnaryOp.Floor);
    public Tensor ceil() => Unary(UnaryOp.Ceil);
    public Tensor round() => Unary(UnaryOp.Round);
    public Tensor log1p() => Unary(UnaryOp.Log1p);
    public Tensor expm1() => Unary(UnaryOp.Expm1);
    public Tensor square() => Unary(UnaryOp.Square);
    public Tensor reciprocal() => Unary(UnaryOp.Reciprocal);
    public Tensor erf() => Unary(UnaryOp.Erf);

    /// <summary>Limits values to [min, max]; a null bound is open.</summary>
    public Tensor clamp(double? min = null, double? max = null)
    {
        RequireBound(min, max);
        return Native.Check(Native.dp_clamp(handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));
    }

    public Tensor clamp_min(double min) => clamp(min, null);

    public Tensor clamp_max(double max) => clamp(null, max);

    /// <summary>Copy of this tensor with <paramref name="value"/> wherever <paramref name="mask"/> is true.</summary>
    public Tensor masked_fill(Tensor mask, Scalar value) =>
        Native.Check(Native.dp_masked_fill(handle, mask.handle, value.Real, value.Integer, value.KindCode));

    // ---- linear algebra ----

    public Tensor matmul(Tensor other) => Binary(other, BinaryOp.Matmul);
    public Tensor mm(Tensor other) => Binary(other, BinaryOp.Mm);
    public Tensor bmm(Tensor other) => Binary(other, BinaryOp.Bmm);

    /// <summary>Outer product of two vectors.</summary>
    public Tensor outer(Tensor other) => Binary(other, BinaryOp.Outer);

    /// <summary>Lower triangle of a matrix (the rest zeroed).</summary>
    public Tensor tril() => Unary(UnaryOp.Tril);

    /// <summary>Upper triangle of a matrix (the rest zeroed).</summary>
    public Tensor triu() => Unary(UnaryOp.Triu);

    // ---- whole-tensor comparisons ----

    /// <summary>Whether every element satisfies |this - other| &lt;= atol + rtol * |other| (broadcasting).</summary>
    public bool allclose(Tensor other, double rtol = 1e-5, double atol = 1e-8)
    {
        Native.Check(Native.dp_allclose(handle, other.handle, rtol, atol, out var result));
        return result != 0;
    }

    /// <summary>Whether both tensors have the same shape and the same values.</summary>
    public bool equal(Tensor other)
    {
        Native.Check(Native.dp_equal(handle, other.handle, out var result));
        return result != 0;
    }

    private static void RequireBound(double? min, double? max)
    {
        if (min is null && max is null)
        {
            throw new ArgumentException("clamp needs at least one of min and max.");
        }
    }
}
