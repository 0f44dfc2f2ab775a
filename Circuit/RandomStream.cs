namespace Bmcnn.Circuit;

/// <summary>
/// A small, fast, reproducible random stream (xoshiro256**, seeded through SplitMix64). Streams for independent
/// parts of a computation are derived from (seed, keys...) with <see cref="For(ulong, long, long, long)"/>, so results
/// depend only on the seed, never on thread scheduling or on how many draws other parts made. The one generator of the
/// tool: device draws, training noise, weight initialisation and data shuffling all take their bits from it.
/// </summary>
public struct RandomStream
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates the stream for a seed.</summary>
    public RandomStream(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The stream for a part of a computation, e.g. (seed, layer, tile) or (seed, layer, neuron).</summary>
    public static RandomStream For(ulong seed, long a, long b = 0, long c = 0)
    {
        var h = Mix(seed ^ 0x6A09E667F3BCC909UL);
        h = Mix(h ^ (ulong)a);
        h = Mix(h ^ (ulong)b * 0x9E3779B97F4A7C15UL);
        h = Mix(h ^ (ulong)c * 0xC2B2AE3D27D4EB4FUL);
        return new RandomStream(h);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>), unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        var bound = (uint)maxExclusive;
        var product = (ulong)(uint)(NextUInt64() >> 32) * bound;
        if ((uint)product < bound)
        {
            var threshold = (uint)-bound % bound;
            while ((uint)product < threshold)
            {
                product = (ulong)(uint)(NextUInt64() >> 32) * bound;
            }
        }
        return (int)(product >> 32);
    }

    /// <summary>A standard normal draw (Box–Muller; consumes exactly two uniforms, no cached state).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble(); // (0, 1]: the log is finite
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        return Mix(x);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
