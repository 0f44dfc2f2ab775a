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
            for (int k = 0; k < n; k++) y[k] = b[prow[k]];
            for (int j = 0; j < n; j++)
            {
                double yj = y[j];
                if (yj == 0) continue;
                for (int p = lp[j], end = lp[j + 1]; p < end; p++) y[li[p]] -= lx[p] * yj;
            }
            for (int k = n - 1; k >= 0; k--)
            {
                double yk = y[k] / d[k];
                y[k] = yk;
                if (yk == 0) continue;
                for (int p = up[k], end = up[k + 1]; p < end; p++) y[ui[p]] -= ux[p] * yk;
            }
            for (int k = 0; k < n; k++)
            {
                b[q[k]] = y[k];
                y[k] = 0;
            }
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
            for (int k = 0; k < n; k++) y[k] = b[q[k]];
            for (int k = 0; k < n; k++)
            {
                double sum = y[k];
                for (int p = up[k], end = up[k + 1]; p < end; p++) sum -= ux[p] * y[ui[p]];
                y[k] = sum / d[k];
            }
            for (int j = n - 1; j >= 0; j--)
            {
                double sum = y[j];
                for (int p = lp[j], end = lp[j + 1]; p < end; p++) sum -= lx[p] * y[li[p]];
                y[j] = sum;
            }
            for (int k = 0; k < n; k++)
            {
                b[prow[k]] = y[k];
                y[k] = 0;
            }
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
            for (int k = 0; k < n; k++) y[k] = b[q[k]];
            for (int j = 0; j < n; j++)
            {
                double yj = y[j];
                if (yj == 0) continue;
                for (int p = lp[j], end = lp[j + 1]; p < end; p++) y[li[p]] -= lx[p] * yj;
            }
            for (int k = 0; k < n; k++) y[k] /= d[k];
            for (int k = n - 1; k >= 0; k--)
            {
                double sum = y[k];
                for (int p = lp[k], end = lp[k + 1]; p < end; p++) sum -= lx[p] * y[li[p]];
                y[k] = sum;
            }
            for (int k = 0; k < n; k++)
            {
                b[q[k]] = y[k];
                y[k] = 0;
            }
        }
    }
}
