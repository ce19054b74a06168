using System.Globalization;
using DistillPlatform.Torch.Interop;
using DistillPlatform.Torch.nn;

namespace DistillPlatform.Torch.optim;

/// <summary>
/// Base of the optimizers, shaped like <c>torch.optim.Optimizer</c>: holds the parameters it updates (it does not own
/// them), owns its per-parameter state tensors (disposed with the optimizer), and saves / restores that state as a
/// safetensors file so training can resume exactly where it stopped.
/// </summary>
public abstract class Optimizer : IDisposable
{
    private const string KindKey = "optimizer";
    private const string ParameterCountKey = "parameter_count";
    private bool _disposed;

    protected Optimizer(IEnumerable<Tensor> parameters, double lr)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = parameters.ToList();
        if (Parameters.Count == 0)
            throw new ArgumentException($"{GetType().Name} got an empty parameter list; pass module.parameters() of a module that has parameters.", nameof(parameters));
        if (Parameters.FirstOrDefault(p => !p.requires_grad) is { } frozen)
            throw new ArgumentException($"{GetType().Name} can only optimize tensors that require grad; got {frozen}.", nameof(parameters));
        if (lr < 0)
            throw new ArgumentOutOfRangeException(nameof(lr), lr, "Learning rate must not be negative.");
        this.lr = lr;
    }

    /// <summary>The tensors this optimizer updates, in the order given.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>Learning rate; may be changed between steps (e.g. by a schedule).</summary>
    public double lr { get; set; }

    /// <summary>Drops every parameter's gradient (PyTorch's <c>zero_grad(set_to_none=True)</c>).</summary>
    public void zero_grad()
    {
        ThrowIfDisposed();
        var handles = Parameters.Select(p => p.Handle.DangerousGetHandle()).ToArray();
        unsafe
        {
            fixed (IntPtr* pointers = handles)
                Native.Check(Native.NnClearGrads(pointers, handles.Length));
        }
        GC.KeepAlive(Parameters);
    }

    /// <summary>Updates every parameter that has a gradient, outside autograd.</summary>
    public void step()
    {
        ThrowIfDisposed();
        for (int index = 0; index < Parameters.Count; index++)
            StepParameter(index, Parameters[index]);
    }

    /// <summary>One update of one parameter.</summary>
    private protected abstract void StepParameter(int index, Tensor parameter);

    /// <summary>State tensors of one parameter by name (e.g. "exp_avg"); the optimizer keeps owning them.</summary>
    private protected abstract IEnumerable<KeyValuePair<string, Tensor>> ParameterState(int index);

    /// <summary>Integer state of one parameter by name (e.g. Adam's "step"); saved as int64 scalars.</summary>
    private protected virtual IEnumerable<KeyValuePair<string, long>> ParameterCounters(int index) => [];

    /// <summary>Replaces one parameter's state from tensors loaded from a file (already checked for shape).</summary>
    private protected abstract void RestoreParameterState(int index, IReadOnlyDictionary<string, Tensor> state);

    /// <summary>Writes the per-parameter state (moments, momentum buffers, step counters) to a safetensors file.</summary>
    public void save_state(string path)
    {
        ThrowIfDisposed();
        var counters = new List<Tensor>();
        try
        {
            var entries = new List<KeyValuePair<string, Tensor>>();
            for (int index = 0; index < Parameters.Count; index++)
            {
                foreach (var (name, tensor) in ParameterState(index))
                    entries.Add(new($"state.{index}.{name}", tensor));
                foreach (var (name, value) in ParameterCounters(index))
                {
                    var counter = TensorInterop.ScalarInt64(value);
                    counters.Add(counter);
                    entries.Add(new($"state.{index}.{name}", counter));
                }
            }
            StateDictFile.Save(entries, path, Metadata());
        }
        finally
        {
            foreach (var counter in counters)
                counter.Dispose();
        }
    }

    private Dictionary<string, string> Metadata() => new()
    {
        [KindKey] = GetType().Name,
        [ParameterCountKey] = Parameters.Count.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Restores state written by <see cref="save_state"/> for an optimizer of the same kind over parameters of the
    /// same shapes; anything else throws <see cref="InvalidDataException"/> naming the mismatch.
    /// </summary>
    public void load_state(string path)
    {
        ThrowIfDisposed();
        var metadata = ReadMetadata(path);
        if (!metadata.TryGetValue(KindKey, out var kind) || kind != GetType().Name)
            throw new InvalidDataException($"'{path}' holds {(kind is null ? "no optimizer state" : $"{kind} state")}, not {GetType().Name} state.");
        if (!metadata.TryGetValue(ParameterCountKey, out var count) || count != Parameters.Count.ToString(CultureInfo.InvariantCulture))
            throw new InvalidDataException($"'{path}' holds state for {count ?? "an unknown number of"} parameters; this {GetType().Name} has {Parameters.Count}.");

        var loaded = StateDictFile.Load(path);
        try
        {
            for (int index = 0; index < Parameters.Count; index++)
            {
                var prefix = $"state.{index}.";
                var state = loaded.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
                    .ToDictionary(e => e.Key[prefix.Length..], e => e.Value);
                foreach (var (name, tensor) in state)
                    if (tensor.dim() > 0 && !tensor.shape.SequenceEqual(Parameters[index].shape))
                        throw new InvalidDataException(
                            $"'{path}': state '{prefix}{name}' has shape [{string.Join(", ", tensor.shape)}] but parameter {index} has shape [{string.Join(", ", Parameters[index].shape)}].");
                RestoreParameterState(index, state);
            }
        }
        finally
        {
            foreach (var tensor in loaded.Values)
                tensor.Dispose();
        }
    }

    private static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        using var file = SafeTensors.SafeTensorsFile.Open(path);
        return file.Metadata.ToDictionary();
    }

    /// <summary>Allocates a zero state tensor shaped like <paramref name="parameter"/>, owned by this optimizer.</summary>
    private protected static Tensor NewStateLike(Tensor parameter)
    {
        var state = torch.zeros_like(parameter);
        TensorInterop.TakeOwnership(state);
        return state;
    }

    /// <summary>Copies loaded values into an owned state tensor.</summary>
    private protected static void CopyInto(Tensor destination, Tensor source) => TensorInterop.CopyWithoutGrad(destination, source);

    private protected static long ReadCounter(IReadOnlyDictionary<string, Tensor> state, string name, int index) =>
        state.TryGetValue(name, out var counter)
            ? counter.item<long>()
            : throw new InvalidDataException($"Optimizer state of parameter {index} lacks '{name}'.");

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        DisposeState();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the state tensors.</summary>
    private protected abstract void DisposeState();

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
