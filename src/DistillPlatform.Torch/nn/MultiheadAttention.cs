namespace DistillPlatform.Torch.nn;

/// <summary>
/// Multi-head scaled dot-product attention with packed input projection, parameter-compatible with PyTorch's
/// <c>nn.MultiheadAttention</c> (<c>in_proj_weight</c> [3E, E], <c>in_proj_bias</c>, <c>out_proj.weight</c>,
/// <c>out_proj.bias</c>), built from linear / matmul / softmax primitives. Tensors are [batch, sequence, embed] when
/// <c>batch_first</c>, else [sequence, batch, embed]. As a <see cref="Module{TInput,TOutput}"/> it is self-attention.
/// </summary>
public sealed class MultiheadAttention : Module<Tensor, Tensor>
{
    private readonly long _embedDim;
    private readonly long _numHeads;
    private readonly bool _batchFirst;
    private readonly double _dropout;

    public MultiheadAttention(long embed_dim, long num_heads, double dropout = 0.0, bool batch_first = false)
    {
        if (embed_dim <= 0 || num_heads <= 0 || embed_dim % num_heads != 0)
            throw new ArgumentException($"embed_dim ({embed_dim}) must be a positive multiple of num_heads ({num_heads}).");
        (_embedDim, _numHeads, _batchFirst, _dropout) = (embed_dim, num_heads, batch_first, dropout);
        in_proj_weight = register_parameter(nameof(in_proj_weight), TensorInterop.Empty(3 * embed_dim, embed_dim));
        in_proj_bias = register_parameter(nameof(in_proj_bias), TensorInterop.Zeros(3 * embed_dim));
        out_proj = register_module(nameof(out_proj), new Linear(embed_dim, embed_dim));
        // PyTorch's _reset_parameters: Xavier-uniform packed projection, zero biases (out_proj.weight keeps Linear's init).
        Init.xavier_uniform_(in_proj_weight, fanIn: embed_dim, fanOut: 3 * embed_dim);
        TensorInterop.FillZero(out_proj.bias!);
    }

    public Tensor in_proj_weight { get; }

    public Tensor in_proj_bias { get; }

    public Linear out_proj { get; }

    /// <summary>Self-attention: query = key = value = <paramref name="input"/>.</summary>
    public override Tensor forward(Tensor input) => forward(input, input, input);

    /// <summary>Attention of <paramref name="query"/> over <paramref name="key"/>/<paramref name="value"/>; returns the attended output only.</summary>
    public Tensor forward(Tensor query, Tensor key, Tensor value)
    {
        ThrowIfDisposed();
        if (query.dim() != 3 || key.dim() != 3 || value.dim() != 3 || query.shape[2] != _embedDim)
            throw new ArgumentException($"MultiheadAttention expects 3-D inputs with last dimension {_embedDim}; got query [{string.Join(", ", query.shape)}].");
        using var scope = DisposeScope.Open();
        // Work in [batch, sequence, embed].
        var q = _batchFirst ? query : query.transpose(0, 1);
        var k = _batchFirst ? key : key.transpose(0, 1);
        var v = _batchFirst ? value : value.transpose(0, 1);
        long batch = q.shape[0], targetLength = q.shape[1], sourceLength = k.shape[1], headDim = _embedDim / _numHeads;

        var weights = in_proj_weight.chunk(3, 0);
        var biases = in_proj_bias.chunk(3, 0);
        // [batch, length, embed] -> [batch, heads, length, head_dim]
        Tensor Heads(Tensor x, int part, long length) =>
            Functional.linear(x, weights[part], biases[part]).reshape(batch, length, _numHeads, headDim).transpose(1, 2);
        var queries = Heads(q, 0, targetLength) / Math.Sqrt(headDim);
        var keys = Heads(k, 1, sourceLength);
        var values = Heads(v, 2, sourceLength);

        var attention = Functional.softmax(queries.matmul(keys.transpose(-2, -1)), -1);
        if (_dropout > 0)
            attention = Functional.dropout(attention, _dropout, training);
        var merged = attention.matmul(values).transpose(1, 2).reshape(batch, targetLength, _embedDim);
        var output = out_proj.call(merged);
        return (_batchFirst ? output : output.transpose(0, 1)).MoveToOuterScope();
    }
}
