namespace DistillPlatform.Torch.nn;

/// <summary>y = x Wᵀ + b over the last dimension (PyTorch's <c>nn.Linear</c>; weight [out, in]).</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public Linear(long in_features, long out_features, bool bias = true)
    {
        if (in_features <= 0 || out_features <= 0)
            throw new ArgumentOutOfRangeException(nameof(in_features), $"Linear needs positive sizes; got {in_features} -> {out_features}.");
        weight = register_parameter(nameof(weight), TensorInterop.Empty(out_features, in_features));
        this.bias = bias ? register_parameter(nameof(bias), TensorInterop.Empty(out_features)) : null;
        Init.DefaultLayerInit(weight, this.bias, in_features);
    }

    public Tensor weight { get; }

    public Tensor? bias { get; }

    public override Tensor forward(Tensor input) => Functional.linear(input, weight, bias);
}
