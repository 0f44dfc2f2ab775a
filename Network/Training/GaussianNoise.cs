namespace Bmcnn.Network.Training;

/// <summary>Deterministic standard-normal draws (xoshiro256** + Box–Muller) for weight-variation noise.</summary>
internal sealed class GaussianNoise
{
    private ulong _s0, _s1, _s2, _s3;

    public GaussianNoise(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private ulong Next()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Fills the span with independent N(0, 1) draws.</summary>
    public void Fill(Span<float> target)
    {
        int i = 0;
        while (i < target.Length)
        {
            double u1 = ((Next() >> 11) + 1) * (1.0 / 9007199254740993.0);
            double u2 = (Next() >> 11) * (1.0 / 9007199254740992.0);
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            double a = 2 * Math.PI * u2;
            target[i++] = (float)(r * Math.Cos(a));
            if (i < target.Length)
            {
                target[i++] = (float)(r * Math.Sin(a));
            }
        }
    }
}
