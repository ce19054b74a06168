namespace DistillPlatform.Torch.nn;

/// <summary>Normalises over the trailing <c>normalized_shape</c> dimensions with a learned affine map (PyTorch's <c>nn.LayerNorm</c>).</summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    private readonly long[] _normalizedShape;
    private readonly double _eps;

    public LayerNorm(long[] normalized_shape, double eps = 1e-5, bool elementwise_affine = true)
    {
        if (normalized_shape.Length == 0 || normalized_shape.Any(d => d <= 0))
            throw new ArgumentException($"normalized_shape must be non-empty and positive; got [{string.Join(", ", normalized_shape)}].", nameof(normalized_shape));
        _normalizedShape = (long[])normalized_shape.Clone();
        _eps = eps;
        if (elementwise_affine)
        {
            weight = register_parameter(nameof(weight), TensorInterop.Ones(_normalizedShape));
            bias = register_parameter(nameof(bias), TensorInterop.Zeros(_normalizedShape));
        }
    }

    public LayerNorm(long normalized_shape, double eps = 1e-5) : this([normalized_shape], eps)
    {
    }

    public Tensor? weight { get; }

    public Tensor? bias { get; }

    public override Tensor forward(Tensor input) => Functional.layer_norm(input, _normalizedShape, weight, bias, _eps);
}
