using System.Runtime.Intrinsics;

namespace Bmcnn.Network.Training;

/// <summary>
/// Per-channel sums over the rows of an NHWC batch (rows × channels), split into a fixed number of row chunks
/// summed in parallel and combined in order, so the result does not depend on the thread count.
/// </summary>
internal static class ChannelReduction
{
    private const int Chunks = 8;

    /// <summary>sum[c] = Σ a[r,c]; sumProduct[c] = Σ a[r,c]·b[r,c] (b = a gives sums of squares).</summary>
    public static void Sums(float[] a, float[] b, int rows, int channels, double[] sum, double[] sumProduct, int threads)
    {
        var partSum = new double[Chunks * channels];
        var partProd = new double[Chunks * channels];
        int per = (rows + Chunks - 1) / Chunks;
        Parallel.For(0, Chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
        {
            int r0 = chunk * per, r1 = Math.Min(rows, r0 + per);
            var s = partSum.AsSpan(chunk * channels, channels);
            var p = partProd.AsSpan(chunk * channels, channels);
            var fs = new float[channels];
            var fp = new float[channels];
            const int Block = 64;
            for (int rb = r0; rb < r1; rb += Block)
            {
                int re = Math.Min(r1, rb + Block);
                Array.Clear(fs);
                Array.Clear(fp);
                for (int r = rb; r < re; r++)
                {
                    int o = r * channels;
                    int j = 0;
                    if (Vector512.IsHardwareAccelerated)
                    {
                        for (; j + 16 <= channels; j += 16)
                        {
                            var va = Vector512.Create(a, o + j);
                            var vb = Vector512.Create(b, o + j);
                            (Vector512.Create(fs, j) + va).CopyTo(fs, j);
                            Vector512.FusedMultiplyAdd(va, vb, Vector512.Create(fp, j)).CopyTo(fp, j);
                        }
                    }
                    for (; j < channels; j++)
                    {
                        fs[j] += a[o + j];
                        fp[j] += a[o + j] * b[o + j];
                    }
                }
                for (int j = 0; j < channels; j++)
                {
                    s[j] += fs[j];
                    p[j] += fp[j];
                }
            }
        });
        Array.Clear(sum, 0, channels);
        Array.Clear(sumProduct, 0, channels);
        for (int chunk = 0; chunk < Chunks; chunk++)
        {
            for (int j = 0; j < channels; j++)
            {
                sum[j] += partSum[chunk * channels + j];
                sumProduct[j] += partProd[chunk * channels + j];
            }
        }
    }

    /// <summary>y[r,c] = x[r,c]·scale[c] + shift[c] over all rows, in parallel chunks.</summary>
    public static void Affine(float[] x, float[] y, int rows, int channels, float[] scale, float[] shift, int threads)
    {
        int per = (rows + Chunks - 1) / Chunks;
        Parallel.For(0, Chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
        {
            int r0 = chunk * per, r1 = Math.Min(rows, r0 + per);
            for (int r = r0; r < r1; r++)
            {
                int o = r * channels;
                int j = 0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; j + 16 <= channels; j += 16)
                    {
                        var fused = Vector512.FusedMultiplyAdd(Vector512.Create(x, o + j), Vector512.Create(scale, j), Vector512.Create(shift, j));
                        fused.CopyTo(y, o + j);
                    }
                }
                for (; j < channels; j++)
                {
                    y[o + j] = x[o + j] * scale[j] + shift[j];
                }
            }
        });
    }
}
