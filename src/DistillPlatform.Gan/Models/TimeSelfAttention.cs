using DistillPlatform.Torch;
using DistillPlatform.Torch.nn;

namespace DistillPlatform.Gan.Models;

/// <summary>
/// Self-attention over the time axis of a [B, C, T, D] map: each frame's feature vector is averaged over D into a
/// C-dimensional token, the T tokens attend to each other (pre-norm multi-head attention), and the attended update is
/// added back to every feature dimension of its frame: x + MHA(LN(mean_D x))ᵀ broadcast over D.
/// <para>
/// Why pool over D instead of using C·D as the embedding: at the paper's scale C·D is thousands (e.g. 16 × 768), so
/// the projections alone would need hundreds of millions of weights, and the attention is meant to relate distant
/// frames (prosody, phrase level), not to mix frequencies — the convolutions already do that. Pooling keeps the cost at
/// O(T²·C + C²) whatever D is, and the residual form leaves the frequency detail of the convolution path intact.
/// </para>
/// </summary>
public sealed class TimeSelfAttention : Module<Tensor, Tensor>
{
    public TimeSelfAttention(long channels, long heads)
    {
        norm = register_module(nameof(norm), new LayerNorm(channels));
        attention = register_module(nameof(attention), new MultiheadAttention(channels, heads, batch_first: true));
    }

    public LayerNorm norm { get; }

    public MultiheadAttention attention { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var tokens = input.mean(3).transpose(1, 2);                  // [B, T, C]
        var update = attention.call(norm.call(tokens));              // [B, T, C]
        return (input + update.transpose(1, 2).unsqueeze(3)).MoveToOuterScope();
    }
}
