using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch.optim;

/// <summary>
/// Adam (Kingma &amp; Ba) with PyTorch 1.13's exact update: L2 weight decay added to the gradient. See
/// <see cref="AdamW"/> for decoupled weight decay. State per parameter: exp_avg, exp_avg_sq, step.
/// </summary>
public class Adam : Optimizer
{
    private readonly Tensor[] _expAvg;
    private readonly Tensor[] _expAvgSq;
    private readonly long[] _steps;
    private readonly bool _decoupledWeightDecay;

    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weight_decay = 0)
        : this(parameters, lr, betas ?? (0.9, 0.999), eps, weight_decay, decoupledWeightDecay: false)
    {
    }

    private protected Adam(IEnumerable<Tensor> parameters, double lr, (double, double) betas, double eps, double weight_decay, bool decoupledWeightDecay)
        : base(parameters, lr)
    {
        var (beta1, beta2) = betas;
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(betas), betas, "Adam betas must be in [0, 1).");
        if (eps < 0 || weight_decay < 0)
            throw new ArgumentOutOfRangeException(nameof(eps), $"eps ({eps}) and weight_decay ({weight_decay}) must not be negative.");
        (this.betas, this.eps, this.weight_decay, _decoupledWeightDecay) = (betas, eps, weight_decay, decoupledWeightDecay);
        _expAvg = Parameters.Select(NewStateLike).ToArray();
        _expAvgSq = Parameters.Select(NewStateLike).ToArray();
        _steps = new long[Parameters.Count];
    }

    public (double, double) betas { get; }

    public double eps { get; }

    public double weight_decay { get; }

    private protected override unsafe void StepParameter(int index, Tensor parameter)
    {
        fixed (long* step = &_steps[index])
        {
            Native.Check(Native.NnAdamStep(parameter.Handle, _expAvg[index].Handle, _expAvgSq[index].Handle, step, lr, betas.Item1, betas.Item2, eps,
                weight_decay, _decoupledWeightDecay ? 1 : 0));
        }
    }

    private protected override IEnumerable<KeyValuePair<string, Tensor>> ParameterState(int index)
    {
        yield return new("exp_avg", _expAvg[index]);
        yield return new("exp_avg_sq", _expAvgSq[index]);
    }

    private protected override IEnumerable<KeyValuePair<string, long>> ParameterCounters(int index)
    {
        yield return new("step", _steps[index]);
    }

    private protected override void RestoreParameterState(int index, IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var name in new[] { "exp_avg", "exp_avg_sq" })
            if (!state.ContainsKey(name))
                throw new InvalidDataException($"Optimizer state of parameter {index} lacks '{name}'.");
        CopyInto(_expAvg[index], state["exp_avg"]);
        CopyInto(_expAvgSq[index], state["exp_avg_sq"]);
        _steps[index] = ReadCounter(state, "step", index);
    }

    private protected override void DisposeState()
    {
        foreach (var tensor in _expAvg.Concat(_expAvgSq))
            tensor.Dispose();
    }
}

/// <summary>AdamW (Loshchilov &amp; Hutter): Adam with weight decay applied directly to the weights (PyTorch's default 0.01).</summary>
public sealed class AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8, double weight_decay = 1e-2)
    : Adam(parameters, lr, betas ?? (0.9, 0.999), eps, weight_decay, decoupledWeightDecay: true);
