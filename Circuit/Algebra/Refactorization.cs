using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// The numeric stages that reuse a pivot sequence and the L/U patterns without any search or allocation: the LU
/// kernel (<see cref="LuRefactor"/>) and the L·D·Lᵀ kernel (<see cref="LdlRefactor"/>), on one thread or on the
/// two-thread plan of the symbolic analysis, with the pivot test both share.
/// </summary>
internal static class Refactorization
{
    /// <summary>
    /// Numeric factorization of <paramref name="a"/> on the patterns and pivot sequence of <paramref name="f"/>: false
    /// when a pivot is zero, not finite, or smaller than <paramref name="tolerance"/> times the largest row-scaled entry
    /// below it. On the symbolic patterns (<paramref name="symbolicPatterns"/>) the supernodes and the two-thread plan
    /// apply: every column is still computed by the same operations in the same order, so the factors are bit-identical.
    /// An L·D·Lᵀ (<paramref name="symmetric"/>) needs the symbolic patterns.
    /// </summary>
    public static bool Factor(CscMatrix a, SymbolicAnalysis s, LuFactors f, bool symmetric, bool symbolicPatterns, double tolerance)
    {
        f.ScaleRows(a);
        for (int k = 0; k < f.Size; k++) f.StepScale[k] = f.RowScale[f.PivotRow[k]];
        if (symmetric) f.Next ??= new int[f.Size];
        var plan = symbolicPatterns ? s.TwoThreads : null;
        return plan is null
            ? Columns(a, s, f, symmetric, symbolicPatterns, 0, f.Size, null, 0, tolerance, f.Work, f.RunValues)
            : OnTwoThreads(a, s, f, symmetric, plan, tolerance);
    }

    /// <summary>
    /// The two-thread schedule of either kernel: the two independent subtrees at once, then the columns after them (a
    /// separate method: its closure is allocated only when it runs).
    /// </summary>
    private static bool OnTwoThreads(CscMatrix a, SymbolicAnalysis s, LuFactors f, bool symmetric, TwoThreadPlan plan, double tolerance)
    {
        var second = f.SecondWorkspace ??= (new double[f.Size], new double[f.Size]);
        var owner = plan.Owner;
        bool firstOk = true;
        var worker = Task.Run(() =>
            firstOk = Columns(a, s, f, symmetric, true, plan.FirstFrom, plan.FirstTo, owner, 1, tolerance, second.X, second.Run));
        bool secondOk = Columns(a, s, f, symmetric, true, plan.SecondFrom, plan.SecondTo, owner, 2, tolerance, f.Work, f.RunValues);
        worker.Wait();
        return firstOk && secondOk && Columns(a, s, f, symmetric, true, 0, f.Size, owner, 0, tolerance, f.Work, f.RunValues);
    }

    private static bool Columns(CscMatrix a, SymbolicAnalysis s, LuFactors f, bool symmetric, bool supernodal, int from, int to,
        byte[]? owner, byte part, double tolerance, double[] xs, double[] runs) =>
        symmetric
            ? LdlRefactor.Columns(a, f, s.SupernodeEnd, from, to, owner, part, tolerance, xs, runs)
            : LuRefactor.Columns(a, f, s.SupernodeEnd, supernodal, from, to, owner, part, tolerance, xs, runs);

    /// <summary>
    /// Both kernels' pivot test and column scaling: false (and column k's entries cleared from x) when the pivot is zero,
    /// not finite, or below <paramref name="tolerance"/> times the largest row-scaled entry under it; otherwise
    /// L(k0..k1) = x / pivot, leaving x zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe bool PivotAndScale(int k, double pivot, double tolerance, int k0, int k1, double* x, int* li, double* lx, double* scale)
    {
        double maxAbs = 0;
        for (int t = k0; t < k1; t++)
        {
            int i = li[t];
            double a = Math.Abs(x[i]) * scale[i];
            if (a > maxAbs) maxAbs = a;
        }
        double absPivot = Math.Abs(pivot);
        if (!(absPivot > 0) || double.IsInfinity(absPivot) || absPivot * scale[k] < tolerance * maxAbs)
        {
            for (int t = k0; t < k1; t++) x[li[t]] = 0;
            return false;
        }
        double inv = 1.0 / pivot;
        for (int t = k0; t < k1; t++)
        {
            int i = li[t];
            lx[t] = x[i] * inv;
            x[i] = 0;
        }
        return true;
    }

    /// <summary>True when U(:,k) lists columns first..last consecutively from position p.</summary>
    public static unsafe bool IsRun(int* ui, int p, int end, int first, int last)
    {
        if (p + (last - first) >= end) return false;
        for (int t = 1; t <= last - first; t++)
        {
            if (ui[p + t] != first + t) return false;
        }
        return true;
    }
}
