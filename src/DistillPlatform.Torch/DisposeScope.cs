namespace DistillPlatform.Torch;

/// <summary>
/// Frees, when disposed, every tensor created on this thread while it was the innermost scope — the way to keep a
/// training loop from piling up native memory without disposing each intermediate by hand. Keep a result alive with
/// <see cref="Tensor.MoveToOuterScope"/> (hand it to the enclosing scope) or <see cref="Tensor.DetachFromDisposeScope"/>
/// (the caller owns it). Scopes nest and are per thread; create them with <see cref="torch.NewDisposeScope"/>.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic]
    private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly HashSet<Tensor> owned = new(ReferenceEqualityComparer.Instance);
    private bool disposed;

    private DisposeScope(DisposeScope? outer)
    {
        this.outer = outer;
    }

    /// <summary>How many tensors this scope will free.</summary>
    public int Count => owned.Count;

    internal static DisposeScope Open()
    {
        var scope = new DisposeScope(current);
        current = scope;
        return scope;
    }

    /// <summary>Makes the innermost live scope of this thread (if any) the owner of a new tensor.</summary>
    internal static void Adopt(Tensor tensor) => current?.Add(tensor);

    /// <summary>Hands <paramref name="tensor"/> from this scope to the enclosing one (or to the caller at top level).</summary>
    internal void MoveToOuter(Tensor tensor)
    {
        Release(tensor);
        LiveOuter()?.Add(tensor);
    }

    /// <summary>Stops tracking a tensor, e.g. because it was disposed explicitly or the caller took ownership.</summary>
    internal void Release(Tensor tensor)
    {
        owned.Remove(tensor);
        tensor.OwningScope = null;
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var tensor in owned)
        {
            tensor.OwningScope = null;
            tensor.Dispose();
        }

        owned.Clear();
        // Scopes are normally disposed innermost-first; if an outer one goes first, its inner scopes stay current
        // until they are disposed and then skip past it.
        if (ReferenceEquals(current, this))
        {
            current = LiveOuter();
        }
    }

    private void Add(Tensor tensor)
    {
        owned.Add(tensor);
        tensor.OwningScope = this;
    }

    private DisposeScope? LiveOuter()
    {
        var scope = outer;
        while (scope is { disposed: true })
        {
            scope = scope.outer;
        }

        return scope;
    }
}
