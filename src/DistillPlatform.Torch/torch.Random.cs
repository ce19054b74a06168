using DistillPlatform.Torch.Interop;

namespace DistillPlatform.Torch;

// The default CPU generator: seeding, saving/restoring its state, and sampling beyond randn/rand.
public static partial class torch
{
    /// <summary>Seeds the default generator; the same seed gives the same samples as PyTorch 1.13 on the CPU.</summary>
    public static void manual_seed(long seed) => Native.dp_manual_seed(unchecked((ulong)seed));

    /// <summary>The default generator's full state (for resumable training); restore it with <see cref="set_rng_state"/>.</summary>
    public static unsafe byte[] get_rng_state()
    {
        Native.Check(Native.dp_rng_state(null, 0, out var length));
        var state = new byte[length];
        fixed (byte* buffer = state)
        {
            Native.Check(Native.dp_rng_state(buffer, state.Length, out _));
        }

        return state;
    }

    /// <summary>Restores a state produced by <see cref="get_rng_state"/>; libtorch rejects foreign or truncated bytes.</summary>
    public static unsafe void set_rng_state(byte[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        fixed (byte* buffer = state)
        {
            Native.Check(Native.dp_set_rng_state(buffer, state.Length));
        }
    }

    /// <summary>Uniform integers in [low, high).</summary>
    public static unsafe Tensor randint(long low, long high, long[] size, ScalarType dtype = ScalarType.Int64, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(size);
        var target = device ?? Device.CPU;
        fixed (long* dims = size)
        {
            return Native.Check(Native.dp_randint(low, high, dims, size.Length, (int)dtype, (int)target.Type, target.Index));
        }
    }

    /// <summary>Uniform integers in [0, high).</summary>
    public static Tensor randint(long high, long[] size, ScalarType dtype = ScalarType.Int64, Device? device = null) =>
        randint(0, high, size, dtype, device);

    /// <summary>Draws int64 category indices from (unnormalised) probabilities given per row.</summary>
    public static Tensor multinomial(Tensor probabilities, long num_samples, bool replacement = false) =>
        Native.Check(Native.dp_multinomial(probabilities.Handle, num_samples, replacement ? 1 : 0));

    /// <summary>0/1 samples, each 1 with the probability at the same position.</summary>
    public static Tensor bernoulli(Tensor probabilities) => Native.Check(Native.dp_bernoulli(probabilities.Handle));
}
