using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch.nn;

/// <summary>Gradient utilities of <c>torch.nn.utils</c>.</summary>
public static class GradientClipping
{
    /// <summary>
    /// Rescales the gradients of <paramref name="parameters"/> in place so that their joint
    /// <paramref name="norm_type"/>-norm is at most <paramref name="max_norm"/>; returns the norm before clipping
    /// (a scalar tensor). Parameters without a gradient are ignored.
    /// </summary>
    public static Tensor clip_grad_norm_(IEnumerable<Tensor> parameters, double max_norm, double norm_type = 2.0)
    {
        var kept = parameters.ToList();
        if (max_norm < 0)
            throw new ArgumentOutOfRangeException(nameof(max_norm), max_norm, "max_norm must not be negative.");
        var handles = kept.Select(p => p.Handle.DangerousGetHandle()).ToArray();
        unsafe
        {
            fixed (IntPtr* pointers = handles)
            {
                var norm = Native.Check(Native.NnClipGradNorm(pointers, handles.Length, max_norm, norm_type));
                GC.KeepAlive(kept);
                return norm;
            }
        }
    }
}
