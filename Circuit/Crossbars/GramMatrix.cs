using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Bmcnn.Circuit.Crossbars;

/// <summary>
/// Q = B·Bᵀ for a wide row-major B (m rows × count branches): the quadratic form of a set of scaled branch voltages.
/// Register-blocked (4 × 2 entries of Q held in vector accumulators over a cache-sized slice of branches), in double
/// precision; the largest cost of a tile's power forms.
/// </summary>
internal static class GramMatrix
{
    private const int Slice = 512;

    /// <summary>
    /// The buffer layout <see cref="Of"/> expects for <paramref name="m"/> rows of <paramref name="count"/> branches:
    /// rows padded to a multiple of 4 and each row to a multiple of the vector width, zero-filled.
    /// </summary>
    public static (int Rows, int Stride) Layout(int m, int count) =>
        ((m + 3) / 4 * 4, (count + Vector<double>.Count - 1) / Vector<double>.Count * Vector<double>.Count);

    /// <summary>Returns B·Bᵀ (m × m, row-major, symmetric) of a buffer laid out as <see cref="Layout"/> says.</summary>
    public static double[] Of(double[] b, int m, int count)
    {
        var (rows, stride) = Layout(m, count);
        var q = new double[rows * rows];
        ref var origin = ref MemoryMarshal.GetArrayDataReference(b);
        var width = Vector<double>.Count;
        for (var d0 = 0; d0 < stride; d0 += Slice)
        {
            var end = Math.Min(d0 + Slice, stride);
            for (var k = 0; k < rows; k += 4)
            {
                for (var l = k; l < rows; l += 2)
                {
                    Vector<double> a00 = default, a01 = default, a10 = default, a11 = default;
                    Vector<double> a20 = default, a21 = default, a30 = default, a31 = default;
                    var r0 = (nuint)(k * stride);
                    var r1 = r0 + (nuint)stride;
                    var r2 = r1 + (nuint)stride;
                    var r3 = r2 + (nuint)stride;
                    var c0 = (nuint)(l * stride);
                    var c1 = c0 + (nuint)stride;
                    for (var d = (nuint)d0; d < (nuint)end; d += (nuint)width)
                    {
                        var y0 = Vector.LoadUnsafe(ref origin, c0 + d);
                        var y1 = Vector.LoadUnsafe(ref origin, c1 + d);
                        var x = Vector.LoadUnsafe(ref origin, r0 + d);
                        a00 += x * y0;
                        a01 += x * y1;
                        x = Vector.LoadUnsafe(ref origin, r1 + d);
                        a10 += x * y0;
                        a11 += x * y1;
                        x = Vector.LoadUnsafe(ref origin, r2 + d);
                        a20 += x * y0;
                        a21 += x * y1;
                        x = Vector.LoadUnsafe(ref origin, r3 + d);
                        a30 += x * y0;
                        a31 += x * y1;
                    }
                    Add(q, rows, k, l, a00, a01);
                    Add(q, rows, k + 1, l, a10, a11);
                    Add(q, rows, k + 2, l, a20, a21);
                    Add(q, rows, k + 3, l, a30, a31);
                }
            }
        }
        var result = new double[m * m];
        for (var k = 0; k < m; k++)
        {
            for (var i = 0; i < m; i++)
            {
                // Only blocks on or above the diagonal were accumulated: read the upper triangle.
                result[k * m + i] = i >= k ? q[k * rows + i] : q[i * rows + k];
            }
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(double[] q, int rows, int k, int l, Vector<double> first, Vector<double> second)
    {
        q[k * rows + l] += Vector.Sum(first);
        q[k * rows + l + 1] += Vector.Sum(second);
    }
}
