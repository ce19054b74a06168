namespace DistillPlatform.Torch.nn;

/// <summary>
/// Residual pre-norm self-attention over the time axis of [batch, time, channels] sequences:
/// x + MultiheadAttention(LayerNorm(x)). The GAN-ATT generator inserts one such block to relate distant frames.
/// </summary>
public sealed class SelfAttention : Module<Tensor, Tensor>
{
    public SelfAttention(long channels, long heads, double dropout = 0.0)
    {
        norm = register_module(nameof(norm), new LayerNorm(channels));
        attention = register_module(nameof(attention), new MultiheadAttention(channels, heads, dropout, batch_first: true));
    }

    public LayerNorm norm { get; }

    public MultiheadAttention attention { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = DisposeScope.Open();
        var normalised = norm.call(input);
        var attended = attention.call(normalised);
        return (input + attended).MoveToOuterScope();
    }
}
