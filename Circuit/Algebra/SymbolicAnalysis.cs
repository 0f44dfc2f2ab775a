using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// The analyze stage of <see cref="SparseLu"/>, done once per pattern: the ordering policy (which fill-reducing
/// column order), the L/U patterns for diagonal pivots in that order (handed to <see cref="LuFactors"/>, which a pivot
/// search may later rewrite), and the facts about those patterns the numeric stages dispatch on. Immutable.
/// </summary>
internal sealed class SymbolicAnalysis
{
    private SymbolicAnalysis(int size, int[] columnOrder, FillOrdering ordering, bool symmetricPattern)
    {
        Size = size;
        ColumnOrder = columnOrder;
        Ordering = ordering;
        SymmetricPattern = symmetricPattern;
    }

    /// <summary>Matrix dimension.</summary>
    public int Size { get; }

    /// <summary>The column order: step k eliminates unknown ColumnOrder[k].</summary>
    public int[] ColumnOrder { get; }

    /// <summary>The ordering chosen (never Automatic).</summary>
    public FillOrdering Ordering { get; }

    /// <summary>Whether the matrix pattern is structurally symmetric (the precondition of L·D·Lᵀ).</summary>
    public bool SymmetricPattern { get; }

    /// <summary>Time spent in the fill-reducing ordering.</summary>
    public TimeSpan OrderingTime { get; private init; }

    /// <summary>Time spent on the symbolic factorization (elimination tree, L/U patterns and their storage).</summary>
    public TimeSpan SymbolicTime { get; private init; }

    /// <summary>
    /// Supernodes of the symbolic patterns: column j's L structure is rows j+1..SupernodeEnd[j] followed by exactly the
    /// structure of column SupernodeEnd[j], so a run of such columns updates a later column with one shared row list.
    /// </summary>
    public int[] SupernodeEnd { get; private init; } = [];

    /// <summary>The two-thread split of the symbolic patterns, or null when the factorization runs on one thread.</summary>
    public TwoThreadPlan? TwoThreads { get; private init; }

    /// <summary>
    /// Analyses the pattern of <paramref name="matrix"/> with the <paramref name="ordering"/> policy and allocates the
    /// factors on the resulting patterns, with the diagonal pivots in place.
    /// </summary>
    public static SymbolicAnalysis Analyze(CscMatrix matrix, FillOrdering ordering, int threads, out LuFactors factors)
    {
        int n = matrix.Size;
        var clock = Stopwatch.StartNew();
        var (ptr, adj) = AmdOrdering.SymmetricPattern(matrix, out bool structurallySymmetric);
        TimeSpan symbolic, orderingTime;
        int[] q, lp, li, up, ui;
        if (ordering == FillOrdering.Automatic && n >= SparseLu.AutomaticDissectionSize)
        {
            // Nested dissection first. A separator of order √n marks a planar, grid-like graph (a crossbar), where
            // it beats minimum degree by a growing factor, so AMD is not even tried; otherwise both are analysed
            // and the one whose factorization needs fewer operations is kept.
            var nd = NestedDissectionOrdering.Order(n, ptr, adj, threads, out int separator);
            q = SymbolicFactorization.DelayZeroDiagonals(matrix, ptr, adj, nd);
            ordering = FillOrdering.NestedDissection;
            orderingTime = clock.Elapsed;
            clock.Restart();
            (up, ui, lp, li) = SymbolicFactorization.Build(n, ptr, adj, q, threads);
            symbolic = clock.Elapsed;
            if (separator < 0 || separator > SparseLu.PlanarSeparatorFactor * Math.Sqrt(n))
            {
                clock.Restart();
                var amd = SymbolicFactorization.DelayZeroDiagonals(matrix, ptr, adj, AmdOrdering.Order(n, ptr, adj));
                bool amdWins = SymbolicFactorization.Operations(n, ptr, adj, amd) < SymbolicFactorization.Operations(lp);
                orderingTime += clock.Elapsed;
                if (amdWins)
                {
                    q = amd;
                    ordering = FillOrdering.Amd;
                    clock.Restart();
                    (up, ui, lp, li) = SymbolicFactorization.Build(n, ptr, adj, q, threads);
                    symbolic = clock.Elapsed;
                }
            }
        }
        else
        {
            int[] order;
            if (ordering is FillOrdering.Amd or FillOrdering.Automatic)
            {
                order = AmdOrdering.Order(n, ptr, adj);
                ordering = FillOrdering.Amd;
            }
            else if (ordering == FillOrdering.NestedDissection) order = NestedDissectionOrdering.Order(n, ptr, adj);
            else
            {
                order = new int[n];
                for (int i = 0; i < n; i++) order[i] = i;
            }
            q = SymbolicFactorization.DelayZeroDiagonals(matrix, ptr, adj, order);
            orderingTime = clock.Elapsed;
            clock.Restart();
            (up, ui, lp, li) = SymbolicFactorization.Build(n, ptr, adj, q, threads);
            symbolic = clock.Elapsed;
        }
        clock.Restart();
        factors = new LuFactors(q, lp, li, up, ui);
        symbolic += clock.Elapsed;
        return new SymbolicAnalysis(n, q, ordering, structurallySymmetric)
        {
            OrderingTime = orderingTime,
            SymbolicTime = symbolic,
            SupernodeEnd = FindSupernodes(n, lp, li),
            TwoThreads = threads > 1 && SymbolicFactorization.Operations(lp) >= SparseLu.ParallelWork
                ? TwoThreadPlan.Create(n, lp, li, up, ui)
                : null,
        };
    }

    /// <summary>
    /// For each column j of the symbolic L patterns (rows ascending), the last column of the run j, j+1, ... in which
    /// each column's structure is the next column plus that column itself (fundamental supernodes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] FindSupernodes(int n, int[] lp, int[] li)
    {
        var superEnd = new int[n];
        for (int j = n - 1; j >= 0; j--)
        {
            superEnd[j] = j;
            if (j == n - 1) continue;
            int c0 = lp[j], count = lp[j + 1] - c0, next = lp[j + 1], nextCount = lp[j + 2] - next;
            if (count != nextCount + 1 || li[c0] != j + 1) continue;
            bool same = true;
            for (int t = 0; t < nextCount && same; t++) same = li[c0 + 1 + t] == li[next + t];
            if (same) superEnd[j] = superEnd[j + 1];
        }
        return superEnd;
    }
}
