using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

// Gradient tracking and backpropagation.
public sealed partial class Tensor
{
    /// <summary>Whether operations on this tensor are recorded for backpropagation (only floating-point tensors).</summary>
    public bool requires_grad
    {
        get => Native.dp_requires_grad(handle) != 0;
        set => Native.Check(Native.dp_set_requires_grad(handle, value ? 1 : 0));
    }

    /// <summary>Sets <see cref="requires_grad"/> and returns this tensor.</summary>
    public Tensor requires_grad_(bool requiresGrad = true)
    {
        requires_grad = requiresGrad;
        return this;
    }

    /// <summary>
    /// The gradient accumulated by backward(), or null before any. Each read returns a new Tensor sharing the gradient's
    /// storage (dispose it, or let the dispose scope do it). Setting null clears the gradient.
    /// </summary>
    public Tensor? grad
    {
        get
        {
            Native.Check(Native.dp_grad(handle, out var pointer));
            return Native.FromPointer(pointer);
        }

        set
        {
            var success = false;
            try
            {
                value?.handle.DangerousAddRef(ref success);
                Native.Check(Native.dp_set_grad(handle, value is null ? IntPtr.Zero : value.handle.DangerousGetHandle()));
            }
            finally
            {
                if (success)
                {
                    value!.handle.DangerousRelease();
                }
            }
        }
    }

    /// <summary>Keeps .grad for this non-leaf tensor after backward().</summary>
    public Tensor retain_grad()
    {
        Native.Check(Native.dp_retain_grad(handle));
        return this;
    }

    /// <summary>
    /// Accumulates d(this)/d(leaf) into every leaf's .grad. A non-scalar tensor needs <paramref name="gradient"/>
    /// (the vector of the vector-Jacobian product). retain_graph defaults to create_graph, as in PyTorch.
    /// </summary>
    public void backward(Tensor? gradient = null, bool? retain_graph = null, bool create_graph = false)
    {
        var success = false;
        try
        {
            gradient?.handle.DangerousAddRef(ref success);
            var gradientPointer = gradient is null ? IntPtr.Zero : gradient.handle.DangerousGetHandle();
            var retain = retain_graph is null ? -1 : retain_graph.Value ? 1 : 0;
            Native.Check(Native.dp_backward(handle, gradientPointer, retain, create_graph ? 1 : 0));
        }
        finally
        {
            if (success)
            {
                gradient!.handle.DangerousRelease();
            }
        }
    }

    /// <summary>A tensor sharing this one's storage but cut from the autograd graph.</summary>
    public Tensor detach() => Native.Check(Native.dp_detach(handle));

    /// <summary>Cuts this tensor from the autograd graph in place; returns it.</summary>
    public Tensor detach_()
    {
        Native.Check(Native.dp_detach_(handle));
        return this;
    }
}
