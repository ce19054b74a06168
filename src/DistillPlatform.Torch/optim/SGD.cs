using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch.optim;

/// <summary>
/// Stochastic gradient descent with optional (Nesterov) momentum, dampening and L2 weight decay, with PyTorch 1.13's
/// exact update. State per parameter: momentum_buffer (once the first momentum step ran).
/// </summary>
public sealed class SGD : Optimizer
{
    private readonly Tensor?[] _momentumBuffers;
    private readonly int[] _bufferInitialized;

    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0, bool nesterov = false)
        : base(parameters, lr)
    {
        if (momentum < 0 || dampening < 0 || weight_decay < 0)
            throw new ArgumentOutOfRangeException(nameof(momentum), $"momentum ({momentum}), dampening ({dampening}) and weight_decay ({weight_decay}) must not be negative.");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires momentum > 0 and dampening = 0.", nameof(nesterov));
        (this.momentum, this.dampening, this.weight_decay, this.nesterov) = (momentum, dampening, weight_decay, nesterov);
        _momentumBuffers = Parameters.Select(p => momentum != 0 ? NewStateLike(p) : null).ToArray();
        _bufferInitialized = new int[Parameters.Count];
    }

    public double momentum { get; }

    public double dampening { get; }

    public double weight_decay { get; }

    public bool nesterov { get; }

    private protected override unsafe void StepParameter(int index, Tensor parameter)
    {
        var buffer = _momentumBuffers[index];
        fixed (int* initialized = &_bufferInitialized[index])
        {
            Native.Check(Native.NnSgdStep(parameter.Handle, nn.TensorInterop.Optional(buffer), initialized, lr, momentum, dampening, weight_decay,
                nesterov ? 1 : 0));
        }
        GC.KeepAlive(buffer);
    }

    private protected override IEnumerable<KeyValuePair<string, Tensor>> ParameterState(int index)
    {
        if (_momentumBuffers[index] is { } buffer && _bufferInitialized[index] != 0)
            yield return new("momentum_buffer", buffer);
    }

    private protected override void RestoreParameterState(int index, IReadOnlyDictionary<string, Tensor> state)
    {
        if (state.TryGetValue("momentum_buffer", out var loaded))
        {
            var buffer = _momentumBuffers[index]
                ?? throw new InvalidDataException($"The state has a momentum buffer for parameter {index} but this SGD has momentum 0.");
            CopyInto(buffer, loaded);
            _bufferInitialized[index] = 1;
        }
        else
        {
            _bufferInitialized[index] = 0;
        }
    }

    private protected override void DisposeState()
    {
        foreach (var buffer in _momentumBuffers)
            buffer?.Dispose();
    }
}
