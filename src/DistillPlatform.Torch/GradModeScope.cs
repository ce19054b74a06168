using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

/// <summary>
/// Turns gradient recording on or off for the current thread until disposed, then restores the previous mode
/// (what Python's <c>with torch.no_grad():</c> does). Create it with <see cref="torch.no_grad"/> or
/// <see cref="torch.enable_grad"/>.
/// </summary>
public sealed class GradModeScope : IDisposable
{
    private readonly bool previous;
    private bool disposed;

    internal GradModeScope(bool enabled)
    {
        previous = Native.dp_is_grad_enabled() != 0;
        Native.dp_set_grad_enabled(enabled ? 1 : 0);
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Native.dp_set_grad_enabled(previous ? 1 : 0);
    }
}
