using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Bmcnn.Network.Numerics;

/// <summary>
/// Single-precision matrix multiply C = op(A)·op(B) (+ C) on row-major arrays, blocked and packed in the manner of
/// BLIS/GotoBLAS: B is packed into 32-column strips, A into 8-row strips per 256-deep slice, and an 8×32 register
/// micro-kernel (two 512-bit vectors per row) does the arithmetic. Work is split into (row block, column block)
/// tasks whose results do not depend on the thread count: every output element is summed in the same order.
/// </summary>
public static class Sgemm
{
    private const int Mr = 8;
    private const int Nr = 32;
    private const int Kc = 256;
    private const int Mc = 64;

    [ThreadStatic] private static float[]? _packA;
    // Packed B belongs to the calling thread (workers only read it), so concurrent callers never share it.
    [ThreadStatic] private static float[]? _packB;

    /// <summary>
    /// Computes C[m×n] = op(A)[m×k]·op(B)[k×n], or adds it to C when <paramref name="accumulate"/> is true.
    /// op(A) is A, or Aᵀ when <paramref name="transA"/> (then A is stored k×m); likewise for B.
    /// </summary>
    /// <param name="transA">A is stored transposed (k rows of m).</param>
    /// <param name="transB">B is stored transposed (n rows of k).</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">Inner dimension.</param>
    /// <param name="a">A's storage.</param>
    /// <param name="aOffset">Index of A's first element.</param>
    /// <param name="lda">Row stride of A as stored.</param>
    /// <param name="b">B's storage.</param>
    /// <param name="bOffset">Index of B's first element.</param>
    /// <param name="ldb">Row stride of B as stored.</param>
    /// <param name="c">C's storage.</param>
    /// <param name="cOffset">Index of C's first element.</param>
    /// <param name="ldc">Row stride of C.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <param name="threads">Largest number of threads to use (1 = run on the caller's thread).</param>
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
        float[] c, int cOffset, int ldc, bool accumulate, int threads)
    {
        if (m <= 0 || n <= 0)
        {
            return;
        }
        if (k <= 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    Array.Clear(c, cOffset + i * ldc, n);
                }
            }
            return;
        }

        int nStrips = (n + Nr - 1) / Nr;
        int mBlocks = (m + Mc - 1) / Mc;
        if (mBlocks * nStrips < 4 && k >= 4 * KSplit * Kc)
        {
            MultiplySplitK(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate, threads);
            return;
        }
        // Split columns too when there are few row blocks, so that both cores have work.
        int nGroups = Math.Max(1, Math.Min(nStrips, (2 * threads + mBlocks - 1) / mBlocks));
        int stripsPerGroup = (nStrips + nGroups - 1) / nGroups;
        nGroups = (nStrips + stripsPerGroup - 1) / stripsPerGroup;
        int tasks = mBlocks * nGroups;

        int npad = nStrips * Nr;
        var packB = _packB;
        if (packB is null || packB.Length < (long)npad * k)
        {
            packB = _packB = new float[Math.Max((long)npad * k, 1 << 16)];
        }
        var job = new Job(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc, accumulate,
            mBlocks, stripsPerGroup, nStrips, packB);
        bool parallel = threads > 1 && tasks > 1 && (long)m * n * k >= 32_768;
        if (parallel && (long)npad * k >= 65_536)
        {
            Parallel.For(0, nStrips, new ParallelOptions { MaxDegreeOfParallelism = threads }, job.PackStrip);
        }
        else
        {
            for (int st = 0; st < nStrips; st++)
            {
                job.PackStrip(st);
            }
        }
        if (!parallel)
        {
            for (int t = 0; t < tasks; t++)
            {
                job.Run(t);
            }
        }
        else
        {
            Parallel.For(0, tasks, new ParallelOptions { MaxDegreeOfParallelism = threads }, job.Run);
        }
    }

    private const int KSplit = 4;

    /// <summary>
    /// Few output tiles but a long inner dimension (weight gradients of a conv layer): sum KSplit depth slices in
    /// parallel into private buffers, then add them in a fixed order. The split does not depend on the thread count,
    /// so neither does the result.
    /// </summary>
    private static void MultiplySplitK(bool transA, bool transB, int m, int n, int k,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
        float[] c, int cOffset, int ldc, bool accumulate, int threads)
    {
        var parts = new float[KSplit][];
        int per = (k + KSplit - 1) / KSplit;
        Parallel.For(0, KSplit, new ParallelOptions { MaxDegreeOfParallelism = threads }, s =>
        {
            int k0 = s * per;
            int kn = Math.Min(k, k0 + per) - k0;
            var part = parts[s] = new float[m * n];
            int aOff = transA ? aOffset + k0 * lda : aOffset + k0;
            int bOff = transB ? bOffset + k0 : bOffset + k0 * ldb;
            Multiply(transA, transB, m, n, kn, a, aOff, lda, b, bOff, ldb, part, 0, n, false, 1);
        });
        for (int i = 0; i < m; i++)
        {
            var row = c.AsSpan(cOffset + i * ldc, n);
            if (!accumulate)
            {
                row.Clear();
            }
            for (int s = 0; s < KSplit; s++)
            {
                VectorMath.AddTo(row, parts[s].AsSpan(i * n, n));
            }
        }
    }

    private sealed class Job(bool transA, bool transB, int m, int n, int k,
        float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
        float[] c, int cOffset, int ldc, bool accumulate, int mBlocks, int stripsPerGroup, int nStrips, float[] packB)
    {
        private readonly int _npad = nStrips * Nr;

        /// <summary>Packs column strip <paramref name="strip"/> of B for every depth block.</summary>
        public void PackStrip(int strip)
        {
            for (int p0 = 0; p0 < k; p0 += Kc)
            {
                int kb = Math.Min(Kc, k - p0);
                PackB(packB, p0 * _npad + strip * kb * Nr, kb, p0, strip * Nr);
            }
        }

        public void Run(int task)
        {
            int mb = task % mBlocks;
            int ng = task / mBlocks;
            int i0 = mb * Mc;
            int rows = Math.Min(Mc, m - i0);
            int s0 = ng * stripsPerGroup;
            int s1 = Math.Min(nStrips, s0 + stripsPerGroup);
            int j0 = s0 * Nr;
            int cols = Math.Min(n, s1 * Nr) - j0;
            if (!accumulate)
            {
                for (int i = 0; i < rows; i++)
                {
                    Array.Clear(c, cOffset + (i0 + i) * ldc + j0, cols);
                }
            }
            int aStrips = (rows + Mr - 1) / Mr;
            var packA = _packA ??= new float[Mc * Kc];
            for (int p0 = 0; p0 < k; p0 += Kc)
            {
                int kb = Math.Min(Kc, k - p0);
                // Row-major A is read in place (8 row streams); only transposed A and a ragged last strip are packed.
                if (transA)
                {
                    PackA(packA, rows, kb, i0, p0);
                }
                else if (rows % Mr != 0)
                {
                    PackA(packA, rows, kb, i0, p0);
                }
                Compute(packA, kb, aStrips, rows, i0, p0, s0, s1);
            }
        }

        private unsafe void Compute(float[] packA, int kb, int aStrips, int rows, int i0, int p0, int s0, int s1)
        {
            float* tile = stackalloc float[Mr * Nr];
            fixed (float* pa = packA, pb = packB, pc = c, pA = a)
            {
                for (int s = s0; s < s1; s++)
                {
                    int jj = s * Nr;
                    int ncols = Math.Min(Nr, n - jj);
                    float* bStrip = pb + p0 * _npad + s * kb * Nr;
                    for (int t = 0; t < aStrips; t++)
                    {
                        int nrows = Math.Min(Mr, rows - t * Mr);
                        if (transA || nrows < Mr)
                        {
                            Kernel(kb, pa + t * kb * Mr, bStrip, tile);
                        }
                        else
                        {
                            KernelRows(kb, pA + aOffset + (i0 + t * Mr) * lda + p0, lda, bStrip, tile);
                        }
                        AddTile(tile, pc + cOffset + (i0 + t * Mr) * ldc + jj, ldc, nrows, ncols);
                    }
                }
            }
        }

        private void PackA(float[] dst, int rows, int kb, int i0, int p0)
        {
            int strips = (rows + Mr - 1) / Mr;
            for (int t = 0; t < strips; t++)
            {
                int baseDst = t * kb * Mr;
                int r0 = t * Mr;
                int nr = Math.Min(Mr, rows - r0);
                if (!transA)
                {
                    for (int r = 0; r < Mr; r++)
                    {
                        if (r < nr)
                        {
                            int src = aOffset + (i0 + r0 + r) * lda + p0;
                            for (int p = 0; p < kb; p++)
                            {
                                dst[baseDst + p * Mr + r] = a[src + p];
                            }
                        }
                        else
                        {
                            for (int p = 0; p < kb; p++)
                            {
                                dst[baseDst + p * Mr + r] = 0f;
                            }
                        }
                    }
                }
                else
                {
                    for (int p = 0; p < kb; p++)
                    {
                        int src = aOffset + (p0 + p) * lda + i0 + r0;
                        int d = baseDst + p * Mr;
                        int r = 0;
                        for (; r < nr; r++)
                        {
                            dst[d + r] = a[src + r];
                        }
                        for (; r < Mr; r++)
                        {
                            dst[d + r] = 0f;
                        }
                    }
                }
            }
        }

        private void PackB(float[] dst, int baseDst, int kb, int p0, int j0)
        {
            int nc = Math.Min(Nr, n - j0);
            if (!transB)
            {
                for (int p = 0; p < kb; p++)
                {
                    int src = bOffset + (p0 + p) * ldb + j0;
                    int d = baseDst + p * Nr;
                    if (nc == Nr)
                    {
                        Array.Copy(b, src, dst, d, Nr);
                    }
                    else
                    {
                        Array.Copy(b, src, dst, d, nc);
                        Array.Clear(dst, d + nc, Nr - nc);
                    }
                }
            }
            else
            {
                for (int j = 0; j < Nr; j++)
                {
                    if (j < nc)
                    {
                        int src = bOffset + (j0 + j) * ldb + p0;
                        for (int p = 0; p < kb; p++)
                        {
                            dst[baseDst + p * Nr + j] = b[src + p];
                        }
                    }
                    else
                    {
                        for (int p = 0; p < kb; p++)
                        {
                            dst[baseDst + p * Nr + j] = 0f;
                        }
                    }
                }
            }
        }
    }

    /// <summary>The 8×32 register tile: sums kb rank-1 updates of packed A and B into 16 vector registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel(int kb, float* pa, float* pb, float* tile)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kb; p++)
        {
            var b0 = Vector512.Load(pb);
            var b1 = Vector512.Load(pb + 16);
            var a = Vector512.Create(pa[0]);
            c00 = Vector512.FusedMultiplyAdd(a, b0, c00); c01 = Vector512.FusedMultiplyAdd(a, b1, c01);
            a = Vector512.Create(pa[1]);
            c10 = Vector512.FusedMultiplyAdd(a, b0, c10); c11 = Vector512.FusedMultiplyAdd(a, b1, c11);
            a = Vector512.Create(pa[2]);
            c20 = Vector512.FusedMultiplyAdd(a, b0, c20); c21 = Vector512.FusedMultiplyAdd(a, b1, c21);
            a = Vector512.Create(pa[3]);
            c30 = Vector512.FusedMultiplyAdd(a, b0, c30); c31 = Vector512.FusedMultiplyAdd(a, b1, c31);
            a = Vector512.Create(pa[4]);
            c40 = Vector512.FusedMultiplyAdd(a, b0, c40); c41 = Vector512.FusedMultiplyAdd(a, b1, c41);
            a = Vector512.Create(pa[5]);
            c50 = Vector512.FusedMultiplyAdd(a, b0, c50); c51 = Vector512.FusedMultiplyAdd(a, b1, c51);
            a = Vector512.Create(pa[6]);
            c60 = Vector512.FusedMultiplyAdd(a, b0, c60); c61 = Vector512.FusedMultiplyAdd(a, b1, c61);
            a = Vector512.Create(pa[7]);
            c70 = Vector512.FusedMultiplyAdd(a, b0, c70); c71 = Vector512.FusedMultiplyAdd(a, b1, c71);
            pa += Mr;
            pb += Nr;
        }
        c00.Store(tile + 0 * Nr); c01.Store(tile + 0 * Nr + 16);
        c10.Store(tile + 1 * Nr); c11.Store(tile + 1 * Nr + 16);
        c20.Store(tile + 2 * Nr); c21.Store(tile + 2 * Nr + 16);
        c30.Store(tile + 3 * Nr); c31.Store(tile + 3 * Nr + 16);
        c40.Store(tile + 4 * Nr); c41.Store(tile + 4 * Nr + 16);
        c50.Store(tile + 5 * Nr); c51.Store(tile + 5 * Nr + 16);
        c60.Store(tile + 6 * Nr); c61.Store(tile + 6 * Nr + 16);
        c70.Store(tile + 7 * Nr); c71.Store(tile + 7 * Nr + 16);
    }

    /// <summary>The same tile reading eight rows of a row-major A in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void KernelRows(int kb, float* a, int lda, float* pb, float* tile)
    {
        float* a0 = a, a1 = a + lda, a2 = a + 2 * lda, a3 = a + 3 * lda;
        float* a4 = a + 4 * lda, a5 = a + 5 * lda, a6 = a + 6 * lda, a7 = a + 7 * lda;
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kb; p++)
        {
            var b0 = Vector512.Load(pb);
            var b1 = Vector512.Load(pb + 16);
            var x = Vector512.Create(a0[p]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a1[p]);
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a2[p]);
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a3[p]);
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a4[p]);
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a5[p]);
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a6[p]);
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a7[p]);
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            pb += Nr;
        }
        c00.Store(tile + 0 * Nr); c01.Store(tile + 0 * Nr + 16);
        c10.Store(tile + 1 * Nr); c11.Store(tile + 1 * Nr + 16);
        c20.Store(tile + 2 * Nr); c21.Store(tile + 2 * Nr + 16);
        c30.Store(tile + 3 * Nr); c31.Store(tile + 3 * Nr + 16);
        c40.Store(tile + 4 * Nr); c41.Store(tile + 4 * Nr + 16);
        c50.Store(tile + 5 * Nr); c51.Store(tile + 5 * Nr + 16);
        c60.Store(tile + 6 * Nr); c61.Store(tile + 6 * Nr + 16);
        c70.Store(tile + 7 * Nr); c71.Store(tile + 7 * Nr + 16);
    }

    /// <summary>Adds the valid rows×cols part of a tile into C.</summary>
    private static unsafe void AddTile(float* tile, float* c, int ldc, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            float* row = c + r * ldc;
            float* t = tile + r * Nr;
            if (cols == Nr)
            {
                (Vector512.Load(row) + Vector512.Load(t)).Store(row);
                (Vector512.Load(row + 16) + Vector512.Load(t + 16)).Store(row + 16);
            }
            else
            {
                for (int j = 0; j < cols; j++)
                {
                    row[j] += t[j];
                }
            }
        }
    }
}
