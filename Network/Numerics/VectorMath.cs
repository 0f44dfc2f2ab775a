using System.Numerics;
using System.Runtime.InteropServices;

namespace Bmcnn.Network.Numerics;

/// <summary>Small SIMD element-wise operations used by training and inference loops.</summary>
public static class VectorMath
{
    /// <summary>dst[i] += src[i].</summary>
    public static void AddTo(Span<float> dst, ReadOnlySpan<float> src)
    {
        int i = 0;
        var vd = MemoryMarshal.Cast<float, Vector<float>>(dst);
        var vs = MemoryMarshal.Cast<float, Vector<float>>(src);
        for (int v = 0; v < vd.Length && v < vs.Length; v++)
        {
            vd[v] += vs[v];
        }
        i = Math.Min(vd.Length, vs.Length) * Vector<float>.Count;
        for (; i < dst.Length; i++)
        {
            dst[i] += src[i];
        }
    }
}
