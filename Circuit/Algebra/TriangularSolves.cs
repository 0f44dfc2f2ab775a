using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// The solve stage: forward and backward substitution with the factors of <see cref="LuFactors"/>, in place, through
/// the row and column permutations. The factors' work vector is borrowed and left zero.
/// </summary>
internal static class TriangularSolves
{
    /// <summary>A·x = b with LU factors: b on entry, x on return.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Lu(LuFactors f, Span<double> rhs)
    {
        int n = f.Size;
        fixed (double* b = rhs, y = f.Work, lx = f.Lx, ux = f.Ux, d = f.Diagonal)
        fixed (int* prow = f.PivotRow, q = f.ColumnOrder, lp = f.Lp, li = f.Li, up = f.Up, ui = f.Ui)
        {
            Gather(n, b, prow, y);
            ForwardByColumns(n, y, lp, li, lx);
            for (int k = n - 1; k >= 0; k--)
            {
                double yk = y[k] / d[k];
                y[k] = yk;
                if (yk == 0) continue;
                for (int p = up[k], end = up[k + 1]; p < end; p++) y[ui[p]] -= ux[p] * yk;
            }
            Scatter(n, y, q, b);
        }
    }

    /// <summary>Aᵀ·x = b with LU factors: b on entry, x on return.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void LuTransposed(LuFactors f, Span<double> rhs)
    {
        int n = f.Size;
        fixed (double* b = rhs, y = f.Work, lx = f.Lx, ux = f.Ux, d = f.Diagonal)
        fixed (int* prow = f.PivotRow, q = f.ColumnOrder, lp = f.Lp, li = f.Li, up = f.Up, ui = f.Ui)
        {
            Gather(n, b, q, y);
            for (int k = 0; k < n; k++)
            {
                double sum = y[k];
                for (int p = up[k], end = up[k + 1]; p < end; p++) sum -= ux[p] * y[ui[p]];
                y[k] = sum / d[k];
            }
            BackwardByRows(n, y, lp, li, lx);
            Scatter(n, y, prow, b);
        }
    }

    /// <summary>L·D·Lᵀ·x = b: forward by L's columns, D, then backward by the same columns read as rows of Lᵀ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Ldl(LuFactors f, Span<double> rhs)
    {
        int n = f.Size;
        fixed (double* b = rhs, y = f.Work, lx = f.Lx, d = f.Diagonal)
        fixed (int* q = f.ColumnOrder, lp = f.Lp, li = f.Li)
        {
            Gather(n, b, q, y);
            ForwardByColumns(n, y, lp, li, lx);
            for (int k = 0; k < n; k++) y[k] /= d[k];
            BackwardByRows(n, y, lp, li, lx);
            Scatter(n, y, q, b);
        }
    }

    /// <summary>y[k] = b[perm[k]]: the right-hand side into step order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Gather(int n, double* b, int* perm, double* y)
    {
        for (int k = 0; k < n; k++) y[k] = b[perm[k]];
    }

    /// <summary>b[perm[k]] = y[k], leaving y zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Scatter(int n, double* y, int* perm, double* b)
    {
        for (int k = 0; k < n; k++)
        {
            b[perm[k]] = y[k];
            y[k] = 0;
        }
    }

    /// <summary>y = L⁻¹·y for the unit lower triangular L, column by column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void ForwardByColumns(int n, double* y, int* lp, int* li, double* lx)
    {
        for (int j = 0; j < n; j++)
        {
            double yj = y[j];
            if (yj == 0) continue;
            for (int p = lp[j], end = lp[j + 1]; p < end; p++) y[li[p]] -= lx[p] * yj;
        }
    }

    /// <summary>y = L⁻ᵀ·y for the unit lower triangular L, its columns read as rows of Lᵀ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void BackwardByRows(int n, double* y, int* lp, int* li, double* lx)
    {
        for (int j = n - 1; j >= 0; j--)
        {
            double sum = y[j];
            for (int p = lp[j], end = lp[j + 1]; p < end; p++) sum -= lx[p] * y[li[p]];
            y[j] = sum;
        }
    }
}
