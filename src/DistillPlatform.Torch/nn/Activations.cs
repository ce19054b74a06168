namespace DistillPlatform.Torch.nn;

/// <summary>max(0, x) (PyTorch's <c>nn.ReLU</c>).</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => Functional.relu(input);
}

/// <summary>Hyperbolic tangent (PyTorch's <c>nn.Tanh</c>), e.g. to bound a generator's output to (-1, 1).</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.tanh();
}

/// <summary>Logistic sigmoid (PyTorch's <c>nn.Sigmoid</c>).</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => input.sigmoid();
}

/// <summary>x for x ≥ 0, negative_slope·x otherwise (PyTorch's <c>nn.LeakyReLU</c>).</summary>
public sealed class LeakyReLU(double negative_slope = 0.01) : Module<Tensor, Tensor>
{
    public override Tensor forward(Tensor input) => Functional.leaky_relu(input, negative_slope);
}

/// <summary>Random zeroing with probability p while training, identity in eval mode (PyTorch's <c>nn.Dropout</c>).</summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    private readonly double _p;

    public Dropout(double p = 0.5)
    {
        if (p is < 0 or > 1)
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1].");
        _p = p;
    }

    public override Tensor forward(Tensor input) => Functional.dropout(input, _p, training);
}
