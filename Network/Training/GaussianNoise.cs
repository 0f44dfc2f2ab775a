using Bmcnn.Circuit;

namespace Bmcnn.Network.Training;

/// <summary>Deterministic standard-normal draws (Box–Muller on <see cref="RandomStream"/>) for weight-variation noise.</summary>
internal sealed class GaussianNoise
{
    private RandomStream _stream;

    public GaussianNoise(ulong seed) => _stream = new RandomStream(seed);

    /// <summary>Fills the span with independent N(0, 1) draws (both Box–Muller outputs are used).</summary>
    public void Fill(Span<float> target)
    {
        int i = 0;
        while (i < target.Length)
        {
            double u1 = ((_stream.NextUInt64() >> 11) + 1) * (1.0 / 9007199254740993.0);
            double u2 = (_stream.NextUInt64() >> 11) * (1.0 / 9007199254740992.0);
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
