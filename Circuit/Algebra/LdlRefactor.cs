using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// The L·D·Lᵀ refactor kernel for numerically symmetric matrices, on the symbolic patterns with diagonal pivots (no
/// search, no allocation): half the multiply-adds of the LU and no U values, with the same pivot test.
/// </summary>
internal static class LdlRefactor
{
    /// <summary>
    /// Columns from..to-1 of L and D, left-looking: U(:,k) = D·L(k,:)ᵀ is known from the columns before, so column k
    /// takes only the updates of rows k and below, from the tails of the L columns in its row pattern (U(:,k)); the
    /// position of row k in column j is <c>next[j]</c>, which advances as the columns come. Consecutive columns of
    /// one fundamental supernode (<paramref name="supernodeEnd"/>) share their rows from k on, so they update together,
    /// four per pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe bool Columns(CscMatrix a, LuFactors f, int[] supernodeEnd, int from, int to,
        byte[]? owner, byte part, double tolerance, double[] xs, double[] runs)
    {
        fixed (int* colPtr = a.ColumnPointers, rows = a.RowIndices, pinv = f.PivotStep, q = f.ColumnOrder, superEnd = supernodeEnd)
        fixed (int* lp = f.Lp, li = f.Li, up = f.Up, ui = f.Ui, next = f.Next)
        fixed (double* values = a.Values, x = xs, lx = f.Lx, d = f.Diagonal, scale = f.StepScale, u = runs)
        fixed (byte* own = owner)
        {
            for (int k = from; k < to; k++)
            {
                if (own != null && own[k] != part) continue;
                int col = q[k];
                for (int p = colPtr[col], end = colPtr[col + 1]; p < end; p++)
                {
                    int i = pinv[rows[p]];
                    if (i >= k) x[i] = values[p];
                }
                for (int p = up[k], end = up[k + 1]; p < end; p++)
                {
                    int j = ui[p];
                    int last = Math.Min(superEnd[j], k - 1);
                    if (last > j && Refactorization.IsRun(ui, p, end, j, last))
                    {
                        UpdateFromTails(j, last, lp[last + 1] - next[last], x, li + next[last], lx, next, d, u);
                        p += last - j;
                        continue;
                    }
                    int p0 = next[j], p1 = lp[j + 1];
                    next[j] = p0 + 1;
                    double ujk = lx[p0] * d[j];
                    if (ujk == 0) continue;
                    int* lrow = li + p0;
                    double* lval = lx + p0;
                    int len = p1 - p0;
                    for (int t = 0; t < len; t++) x[lrow[t]] -= lval[t] * ujk;
                }
                double pivot = x[k];
                x[k] = 0;
                if (!Refactorization.PivotAndScale(k, pivot, tolerance, lp[k], lp[k + 1], x, li, lx, scale)) return false;
                d[k] = pivot;
                next[k] = lp[k];
            }
        }
        return true;
    }

    /// <summary>
    /// The update of column k by columns first..last of one supernode, whose rows from k on are the same
    /// <paramref name="count"/> rows (<paramref name="rowsFrom"/>); column c's entries from row k start at next[c].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void UpdateFromTails(int first, int last, int count, double* x, int* rowsFrom, double* lx, int* next, double* d, double* u)
    {
        int len = last - first + 1;
        for (int t = 0; t < len; t++)
        {
            int c = first + t;
            u[t] = lx[next[c]] * d[c];
        }
        int s = 0;
        double* w = stackalloc double[4];
        for (; s + 8 <= len; s += 8)
        {
            double u0 = u[s], u1 = u[s + 1], u2 = u[s + 2], u3 = u[s + 3], u4 = u[s + 4], u5 = u[s + 5], u6 = u[s + 6], u7 = u[s + 7];
            double* a0 = lx + next[first + s];
            double* a1 = lx + next[first + s + 1];
            double* a2 = lx + next[first + s + 2];
            double* a3 = lx + next[first + s + 3];
            double* a4 = lx + next[first + s + 4];
            double* a5 = lx + next[first + s + 5];
            double* a6 = lx + next[first + s + 6];
            double* a7 = lx + next[first + s + 7];
            int r = 0;
            if (Vector256.IsHardwareAccelerated && count >= 8)
            {
                // The same products and sums per row as the scalar loop (no fused multiply-add), four rows at a time.
                var v0 = Vector256.Create(u0); var v1 = Vector256.Create(u1); var v2 = Vector256.Create(u2); var v3 = Vector256.Create(u3);
                var v4 = Vector256.Create(u4); var v5 = Vector256.Create(u5); var v6 = Vector256.Create(u6); var v7 = Vector256.Create(u7);
                for (; r + 4 <= count; r += 4)
                {
                    var sum = (Vector256.Load(a0 + r) * v0 + Vector256.Load(a1 + r) * v1 + Vector256.Load(a2 + r) * v2 + Vector256.Load(a3 + r) * v3)
                        + (Vector256.Load(a4 + r) * v4 + Vector256.Load(a5 + r) * v5 + Vector256.Load(a6 + r) * v6 + Vector256.Load(a7 + r) * v7);
                    sum.Store(w);
                    int* at = rowsFrom + r;
                    x[at[0]] -= w[0];
                    x[at[1]] -= w[1];
                    x[at[2]] -= w[2];
                    x[at[3]] -= w[3];
                }
            }
            for (; r < count; r++)
                x[rowsFrom[r]] -= (a0[r] * u0 + a1[r] * u1 + a2[r] * u2 + a3[r] * u3) + (a4[r] * u4 + a5[r] * u5 + a6[r] * u6 + a7[r] * u7);
        }
        for (; s + 4 <= len; s += 4)
        {
            double u0 = u[s], u1 = u[s + 1], u2 = u[s + 2], u3 = u[s + 3];
            double* a0 = lx + next[first + s];
            double* a1 = lx + next[first + s + 1];
            double* a2 = lx + next[first + s + 2];
            double* a3 = lx + next[first + s + 3];
            for (int r = 0; r < count; r++) x[rowsFrom[r]] -= a0[r] * u0 + a1[r] * u1 + a2[r] * u2 + a3[r] * u3;
        }
        for (; s < len; s++)
        {
            double us = u[s];
            double* a = lx + next[first + s];
            for (int r = 0; r < count; r++) x[rowsFrom[r]] -= a[r] * us;
        }
        for (int c = first; c <= last; c++) next[c]++;
    }
}
