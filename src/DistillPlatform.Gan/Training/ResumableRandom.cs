namespace DistillPlatform.Gan.Training;

/// <summary>
/// A <see cref="Random"/> whose complete state can be saved and restored (System.Random's cannot), so a resumed run
/// draws exactly the batches and teachers the uninterrupted run would have drawn. Algorithm: xoshiro256** seeded
/// through SplitMix64 (Blackman &amp; Vigna). Every public method of <see cref="Random"/> is overridden to use it.
/// </summary>
public sealed class ResumableRandom : Random
{
    private ulong _s0, _s1, _s2, _s3;

    public ResumableRandom(long seed)
    {
        ulong mix = unchecked((ulong)seed);
        _s0 = SplitMix64(ref mix);
        _s1 = SplitMix64(ref mix);
        _s2 = SplitMix64(ref mix);
        _s3 = SplitMix64(ref mix);
    }

    /// <summary>The four state words; <see cref="Restore"/> continues the sequence from exactly here.</summary>
    public ulong[] State => [_s0, _s1, _s2, _s3];

    /// <summary>Continues from a state read from <see cref="State"/>.</summary>
    public void Restore(IReadOnlyList<ulong> state)
    {
        if (state is not { Count: 4 } || state.All(word => word == 0))
            throw new ArgumentException("A xoshiro256** state is four words, not all zero.", nameof(state));
        (_s0, _s1, _s2, _s3) = (state[0], state[1], state[2], state[3]);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    public override int Next() => (int)NextBelow(int.MaxValue);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBelow((ulong)maxValue);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)((long)minValue + (long)NextBelow((ulong)((long)maxValue - minValue)));
    }

    public override long NextInt64() => (long)NextBelow(long.MaxValue);

    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBelow((ulong)maxValue);
    }

    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return unchecked(minValue + (long)NextBelow((ulong)(maxValue - minValue)));
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
            buffer[i] = (byte)(NextUInt64() >> 56);
    }

    protected override double Sample() => NextDouble();

    /// <summary>Uniform in [0, bound) without modulo bias (rejects the short last block); 0 when bound is 0.</summary>
    private ulong NextBelow(ulong bound)
    {
        if (bound <= 1)
            return 0;
        ulong threshold = (0 - bound) % bound;
        while (true)
        {
            ulong value = NextUInt64();
            if (value >= threshold)
                return value % bound;
        }
    }

    private static ulong RotateLeft(ulong value, int bits) => (value << bits) | (value >> (64 - bits));

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
