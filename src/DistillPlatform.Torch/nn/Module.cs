namespace DistillPlatform.Torch.nn;

/// <summary>
/// Base of every layer and model, shaped like PyTorch's <c>torch.nn.Module</c>: named parameters, buffers and child
/// modules are registered once in the constructor and then enumerated, switched between training and evaluation
/// mode, saved and loaded as a state dict.
/// <para>
/// Ownership: a module owns everything it registered. Registered tensors are taken out of any dispose scope (they
/// live as long as the module) and <see cref="Dispose()"/> releases them and, recursively, every child module, so a
/// model is freed with a single <c>using</c>/<c>Dispose</c> and a subclass never writes its own Dispose.
/// </para>
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor>> _buffers = [];
    private readonly List<KeyValuePair<string, Module>> _children = [];
    private bool _disposed;

    /// <summary>True in training mode (dropout active, batch norm using and updating batch statistics).</summary>
    public bool training { get; private set; } = true;

    /// <summary>
    /// Registers a trainable tensor under <paramref name="name"/>; it becomes a leaf that requires grad and is owned by
    /// this module. Returns the same tensor for assignment to a field.
    /// </summary>
    protected Tensor register_parameter(string name, Tensor parameter)
    {
        EnsureNewName(name);
        TensorInterop.TakeOwnership(parameter);
        parameter.requires_grad_(true);
        _parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Registers a non-trainable tensor that belongs to the state dict (e.g. batch norm running statistics).</summary>
    protected Tensor register_buffer(string name, Tensor buffer)
    {
        EnsureNewName(name);
        TensorInterop.TakeOwnership(buffer);
        _buffers.Add(new(name, buffer));
        return buffer;
    }

    /// <summary>Registers a child module; its parameters appear under <c>name.</c> and it is disposed with this module.</summary>
    protected TModule register_module<TModule>(string name, TModule module) where TModule : Module
    {
        EnsureNewName(name);
        _children.Add(new(name, module));
        return module;
    }

    private void EnsureNewName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('.'))
            throw new ArgumentException($"Module member name '{name}' must not contain '.', which separates state-dict levels.", nameof(name));
        if (_parameters.Any(p => p.Key == name) || _buffers.Any(b => b.Key == name) || _children.Any(c => c.Key == name))
            throw new ArgumentException($"{GetType().Name} already has a member named '{name}'.", nameof(name));
    }

    /// <summary>Sets training mode on this module and every descendant; returns this module.</summary>
    public Module train(bool mode = true)
    {
        training = mode;
        foreach (var child in _children)
            child.Value.train(mode);
        return this;
    }

    /// <summary>Sets evaluation mode (same as <c>train(false)</c>); returns this module.</summary>
    public Module eval() => train(false);

    /// <summary>Direct children in registration order.</summary>
    public IEnumerable<(string name, Module module)> named_children() => _children.Select(c => (c.Key, c.Value));

    /// <summary>All trainable tensors of this module and (when <paramref name="recurse"/>) its descendants.</summary>
    public IEnumerable<Tensor> parameters(bool recurse = true) => named_parameters(recurse).Select(p => p.parameter);

    /// <summary>Trainable tensors with their dotted state-dict names, in PyTorch's order.</summary>
    public IEnumerable<(string name, Tensor parameter)> named_parameters(bool recurse = true)
    {
        foreach (var parameter in _parameters)
            yield return (parameter.Key, parameter.Value);
        if (!recurse)
            yield break;
        foreach (var child in _children)
            foreach (var (name, parameter) in child.Value.named_parameters())
                yield return ($"{child.Key}.{name}", parameter);
    }

    /// <summary>Buffers with their dotted state-dict names.</summary>
    public IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true)
    {
        foreach (var buffer in _buffers)
            yield return (buffer.Key, buffer.Value);
        if (!recurse)
            yield break;
        foreach (var child in _children)
            foreach (var (name, buffer) in child.Value.named_buffers())
                yield return ($"{child.Key}.{name}", buffer);
    }

    /// <summary>
    /// Parameters and buffers by dotted name, in PyTorch's order (own parameters, own buffers, then each child).
    /// The tensors are the module's own (not copies): do not dispose them.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, Tensor>> state_dict()
    {
        var entries = new List<KeyValuePair<string, Tensor>>();
        AppendState(prefix: "", entries);
        return entries;
    }

    private void AppendState(string prefix, List<KeyValuePair<string, Tensor>> entries)
    {
        foreach (var parameter in _parameters)
            entries.Add(new(prefix + parameter.Key, parameter.Value));
        foreach (var buffer in _buffers)
            entries.Add(new(prefix + buffer.Key, buffer.Value));
        foreach (var child in _children)
            child.Value.AppendState($"{prefix}{child.Key}.", entries);
    }

    /// <summary>
    /// Copies <paramref name="state"/> into this module's parameters and buffers in place (optimizers holding the
    /// parameters keep working). Shapes must match exactly. With <paramref name="strict"/>, missing or unexpected keys
    /// throw <see cref="StateDictMismatchException"/> and nothing is modified; otherwise they are reported in the result.
    /// </summary>
    public StateDictLoadResult load_state_dict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var own = state_dict();
        var missing = own.Where(e => !state.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        var ownNames = own.Select(e => e.Key).ToHashSet();
        var unexpected = state.Keys.Where(k => !ownNames.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var misShaped = own
            .Where(e => state.TryGetValue(e.Key, out var source) && !source.shape.SequenceEqual(e.Value.shape))
            .Select(e => $"{e.Key}: expected [{string.Join(", ", e.Value.shape)}], got [{string.Join(", ", state[e.Key].shape)}]")
            .ToList();
        if (misShaped.Count > 0 || (strict && (missing.Count > 0 || unexpected.Count > 0)))
            throw new StateDictMismatchException(GetType().Name, missing, unexpected, misShaped);

        foreach (var (name, destination) in own)
            if (state.TryGetValue(name, out var source))
                TensorInterop.CopyWithoutGrad(destination, source);
        return new StateDictLoadResult(missing, unexpected);
    }

    /// <summary>Writes the state dict to a safetensors file (parameters and buffers, their own dtypes and shapes).</summary>
    public void save(string path) => StateDictFile.Save(state_dict(), path);

    /// <summary>Loads a safetensors state dict written by <see cref="save"/> or by PyTorch (same key names).</summary>
    public StateDictLoadResult load(string path, bool strict = true)
    {
        var loaded = StateDictFile.Load(path);
        try
        {
            return load_state_dict(loaded, strict);
        }
        catch (StateDictMismatchException error)
        {
            throw new StateDictMismatchException($"{error.Message} (file: {path})", error);
        }
        finally
        {
            foreach (var tensor in loaded.Values)
                tensor.Dispose();
        }
    }

    /// <summary>Releases every registered tensor and, recursively, every child module. Safe to call twice.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Override only to release resources other than registered members; call the base.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
            return;
        _disposed = true;
        foreach (var child in _children)
            child.Value.Dispose();
        foreach (var tensor in _parameters.Concat(_buffers))
            tensor.Value.Dispose();
    }

    /// <summary>Fails fast on use after Dispose instead of handing freed handles to libtorch.</summary>
    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}

/// <summary>A module with one input and one output; call it with <see cref="call"/> (or <see cref="forward"/>).</summary>
public abstract class Module<TInput, TOutput> : Module
{
    /// <summary>The computation; implementations create their result tensors in the caller's dispose scope.</summary>
    public abstract TOutput forward(TInput input);

    /// <summary>Runs <see cref="forward"/> (PyTorch's <c>module(input)</c>).</summary>
    public TOutput call(TInput input)
    {
        ThrowIfDisposed();
        return forward(input);
    }
}

/// <summary>Keys of a non-strict <see cref="Module.load_state_dict"/> that were absent from, or unknown to, the module.</summary>
public sealed record StateDictLoadResult(IReadOnlyList<string> MissingKeys, IReadOnlyList<string> UnexpectedKeys);
