namespace DistillPlatform.Torch.nn;

/// <summary>Runs its children in order, each on the previous output; children are named "0", "1", ... like PyTorch's.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _layers = [];

    public Sequential(params Module<Tensor, Tensor>[] layers)
    {
        foreach (var layer in layers)
            _layers.Add(register_module(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
    }

    public int Count => _layers.Count;

    public Module<Tensor, Tensor> this[int index] => _layers[index];

    /// <summary>
    /// Intermediate outputs are disposed as soon as the next layer has consumed them (autograd keeps what it needs).
    /// An empty Sequential returns its input, as PyTorch's does.
    /// </summary>
    public override Tensor forward(Tensor input)
    {
        var current = input;
        foreach (var layer in _layers)
        {
            var next = layer.call(current);
            if (!ReferenceEquals(current, input) && !ReferenceEquals(current, next))
                current.Dispose();
            current = next;
        }
        return current;
    }
}
