using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// The LU refactor kernel: left-looking numeric LU on stored patterns and a stored pivot sequence (no search, no
/// allocation). On the symbolic patterns, a run of columns of one fundamental supernode updates a later column with
/// one shared row list, four columns per pass.
/// </summary>
internal static class LuRefactor
{
    /// <summary>
    /// Factors columns from..to-1 (those whose <paramref name="owner"/> entry is <paramref name="part"/>, or all of
    /// them without an owner map) with the workspaces <paramref name="xs"/> and <paramref name="runs"/>, which it
    /// leaves zero; supernode runs (<paramref name="supernodeEnd"/>) only when <paramref name="supernodal"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe bool Columns(CscMatrix a, LuFactors f, int[] supernodeEnd, bool supernodal, int from, int to,
        byte[]? owner, byte part, double tolerance, double[] xs, double[] runs)
    {
        fixed (int* colPtr = a.ColumnPointers, rows = a.RowIndices, pinv = f.PivotStep, q = f.ColumnOrder, superEnd = supernodeEnd)
        fixed (int* lp = f.Lp, li = f.Li, up = f.Up, ui = f.Ui)
        fixed (double* values = a.Values, x = xs, lx = f.Lx, ux = f.Ux, udiag = f.Diagonal, scale = f.StepScale, u = runs)
        fixed (byte* own = owner)
        {
            for (int k = from; k < to; k++)
            {
                if (own != null && own[k] != part) continue;
                int col = q[k];
                for (int p = colPtr[col], end = colPtr[col + 1]; p < end; p++) x[pinv[rows[p]]] = values[p];
                for (int p = up[k], end = up[k + 1]; p < end; p++)
                {
                    int j = ui[p];
                    int last = superEnd[j];
                    if (supernodal && last > j && last < k && Refactorization.IsRun(ui, p, end, j, last))
                    {
                        UpdateFromRun(j, last, lp[last + 1] - lp[last], x, lp, li, lx, ux + p, u);
                        p += last - j;
                        continue;
                    }
                    double xj = x[j];
                    ux[p] = xj;
                    x[j] = 0;
                    if (xj == 0) continue;
                    int l0 = lp[j], l1 = lp[j + 1];
                    int* lrow = li + l0;
                    double* lval = lx + l0;
                    int len = l1 - l0;
                    for (int t = 0; t < len; t++) x[lrow[t]] -= lval[t] * xj;
                }
                double pivot = x[k];
                x[k] = 0;
                if (!Refactorization.PivotAndScale(k, pivot, tolerance, lp[k], lp[k + 1], x, li, lx, scale)) return false;
                udiag[k] = pivot;
            }
        }
        return true;
    }

    /// <summary>
    /// The update of the current column by the supernode columns first..last (their U entries, in order, at
    /// <paramref name="uOut"/> unless null, and in <paramref name="u"/>): first the small triangle among themselves,
    /// then the first <paramref name="shared"/> rows below them, four columns per pass over the shared row list.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void UpdateFromRun(int first, int last, int shared, double* x, int* lp, int* li, double* lx, double* uOut, double* u)
    {
        int len = last - first + 1;
        for (int t = 0; t < len; t++)
        {
            int c = first + t;
            double xc = x[c];
            if (uOut != null) uOut[t] = xc;
            u[t] = xc;
            x[c] = 0;
            if (xc == 0) continue;
            double* lc = lx + lp[c];
            int inside = last - c;
            for (int r = 0; r < inside; r++) x[c + 1 + r] -= lc[r] * xc;
        }
        int* rowsBelow = li + lp[last];
        int s = 0;
        for (; s + 4 <= len; s += 4)
        {
            double u0 = u[s], u1 = u[s + 1], u2 = u[s + 2], u3 = u[s + 3];
            if (u0 == 0 && u1 == 0 && u2 == 0 && u3 == 0) continue;
            double* a0 = lx + lp[first + s] + (last - first - s);
            double* a1 = lx + lp[first + s + 1] + (last - first - s - 1);
            double* a2 = lx + lp[first + s + 2] + (last - first - s - 2);
            double* a3 = lx + lp[first + s + 3] + (last - first - s - 3);
            for (int r = 0; r < shared; r++) x[rowsBelow[r]] -= a0[r] * u0 + a1[r] * u1 + a2[r] * u2 + a3[r] * u3;
        }
        for (; s < len; s++)
        {
            double us = u[s];
            if (us == 0) continue;
            double* a = lx + lp[first + s] + (last - first - s);
            for (int r = 0; r < shared; r++) x[rowsBelow[r]] -= a[r] * us;
        }
    }
}
