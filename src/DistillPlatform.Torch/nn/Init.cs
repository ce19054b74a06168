namespace DistillPlatform.Torch.nn;

/// <summary>
/// PyTorch's default parameter initialisers (<c>torch.nn.init</c>), computed with the same double arithmetic so that,
/// with the same seed, a C# layer starts from exactly the weights its PyTorch twin starts from.
/// </summary>
public static class Init
{
    /// <summary>Fills <paramref name="tensor"/> from U(low, high) in place, outside autograd.</summary>
    public static Tensor uniform_(Tensor tensor, double low, double high)
    {
        using (torch.no_grad())
            tensor.uniform_(low, high);
        return tensor;
    }

    /// <summary>
    /// He/Kaiming uniform initialisation for a leaky-ReLU gain with slope <paramref name="a"/> (fan-in mode).
    /// Linear and convolution weights use a = sqrt(5), which makes the bound 1/sqrt(fan_in).
    /// </summary>
    public static Tensor kaiming_uniform_(Tensor tensor, double a, long fanIn)
    {
        double gain = Math.Sqrt(2.0 / (1 + a * a));
        double std = gain / Math.Sqrt(fanIn);
        double bound = Math.Sqrt(3.0) * std;
        return uniform_(tensor, -bound, bound);
    }

    /// <summary>Glorot/Xavier uniform: U(-b, b) with b = sqrt(6 / (fan_in + fan_out)).</summary>
    public static Tensor xavier_uniform_(Tensor tensor, long fanIn, long fanOut)
    {
        double std = Math.Sqrt(2.0 / (fanIn + fanOut));
        double bound = Math.Sqrt(3.0) * std;
        return uniform_(tensor, -bound, bound);
    }

    /// <summary>Default init of a linear or convolution layer: weight kaiming_uniform(a = sqrt 5), bias U(±1/sqrt(fan_in)).</summary>
    internal static void DefaultLayerInit(Tensor weight, Tensor? bias, long fanIn)
    {
        kaiming_uniform_(weight, Math.Sqrt(5), fanIn);
        if (bias is not null)
        {
            double bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            uniform_(bias, -bound, bound);
        }
    }
}
