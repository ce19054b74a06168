using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;
using F = DistillPlatform.Torch.nn.Functional;

namespace DistillPlatform.Gan.Models;

/// <summary>
/// Layer normalisation of each sample over all of [C, H, W] followed by a per-channel scale and shift.
/// <para>
/// Why not <see cref="LayerNorm"/> over [C, H, W]: its elementwise affine has C·H·W parameters, which at the paper's
/// 128 × 768 maps is tens of millions per layer and ties the critic to one map size. Statistics per sample (never per
/// batch) keep every critic output a function of its own input only, which the gradient penalty needs.
/// </para>
/// </summary>
public sealed class ChannelLayerNorm : Module<Tensor, Tensor>
{
    private const double Epsilon = 1e-5;

    public ChannelLayerNorm(long channels)
    {
        weight = register_parameter(nameof(weight), torch.ones(channels, 1, 1));
        bias = register_parameter(nameof(bias), torch.zeros(channels, 1, 1));
    }

    public Tensor weight { get; }

    public Tensor bias { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var normalised = F.layer_norm(input, [input.shape[1], input.shape[2], input.shape[3]], eps: Epsilon);
        return (normalised * weight + bias).MoveToOuterScope();
    }
}
