using System.Diagnostics;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// Sparse LU factorization P·A·Q = L·U for circuit matrices, by stages as in KLU: a symbolic analysis once per pattern
/// (<see cref="SymbolicAnalysis"/>: the fill-reducing column order Q and the L/U patterns for diagonal pivots), a
/// numeric factorization with threshold partial pivoting that prefers the diagonal (<see cref="PivotingLu"/>), a
/// refactorization that reuses the pivot sequence and the L/U patterns without any search or allocation
/// (<see cref="Refactorization"/>: Newton iterations, Monte-Carlo trials), and the solves
/// (<see cref="TriangularSolves"/>). A numerically symmetric matrix (a reciprocal circuit: resistors, conductances,
/// voltage sources, [G B; Bᵀ 0]) is factored as L·D·Lᵀ instead, on the same patterns: half the multiply-adds and no U
/// values, with the same pivot test and the LU path as the fallback. Not thread-safe: one instance per thread.
/// </summary>
public sealed class SparseLu
{
    private readonly CscMatrix _a;
    private readonly SymbolicAnalysis _analysis;
    private readonly LuFactors _factors;
    private readonly int[] _cursor; // the symmetry check's cursor, and the pivot search's depth-first positions
    private PivotingLu? _pivoting;  // allocated by the first pivot search
    private FactorState _state = FactorState.Analysed;

    /// <summary>
    /// Symbolic analysis: the fill-reducing column ordering for the pattern of <paramref name="matrix"/>, and the
    /// L/U patterns for diagonal pivots in that order (what the first factorization tries before searching pivots).
    /// </summary>
    /// <param name="matrix">The matrix whose pattern is analysed (its values are read by <see cref="Factor"/>).</param>
    /// <param name="ordering">The fill-reducing ordering.</param>
    /// <param name="threads">
    /// Threads a large factorization may use (only 1 or 2 are distinguished); the factors are bit-identical for any
    /// value.
    /// </param>
    public SparseLu(CscMatrix matrix, FillOrdering ordering = FillOrdering.Automatic, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        _a = matrix;
        _analysis = SymbolicAnalysis.Analyze(matrix, ordering, threads, out _factors);
        _cursor = new int[matrix.Size];
    }

    /// <summary>Time spent on the symbolic factorization (elimination tree and L/U patterns).</summary>
    public TimeSpan SymbolicTime => _analysis.SymbolicTime;

    /// <summary>Matrix dimension.</summary>
    public int Size => _analysis.Size;

    /// <summary>Factorizations of at least this many multiply-adds are worth a second thread.</summary>
    public const long ParallelWork = 2_000_000;

    /// <summary>Systems at least this large also try nested dissection under <see cref="FillOrdering.Automatic"/>.</summary>
    public const int AutomaticDissectionSize = 2000;

    /// <summary>
    /// Under <see cref="FillOrdering.Automatic"/>, a top-level nested-dissection separator of at most this many times
    /// √n vertices (a grid has about √n) takes nested dissection without comparing it against AMD.
    /// </summary>
    public const double PlanarSeparatorFactor = 2.0;

    /// <summary>The ordering this instance was analysed with (never Automatic: the one it chose).</summary>
    public FillOrdering Ordering => _analysis.Ordering;

    /// <summary>
    /// A candidate pivot on the diagonal is taken when its magnitude is at least this fraction of the largest
    /// candidate in its column, magnitudes measured after scaling each row by its largest entry (threshold partial
    /// pivoting). Smaller keeps the fill-reducing order, larger is stabler.
    /// </summary>
    public double PivotThreshold { get; set; } = 0.001;

    /// <summary>
    /// A refactorization keeps the previous pivot while its magnitude is at least this fraction of the largest entry
    /// below it; otherwise the factorization is redone with a fresh pivot search.
    /// </summary>
    public double RefactorThreshold { get; set; } = 0.0001;

    /// <summary>Time spent in the fill-reducing ordering.</summary>
    public TimeSpan OrderingTime => _analysis.OrderingTime;

    /// <summary>The column order: step k eliminates unknown ColumnOrder[k].</summary>
    public ReadOnlySpan<int> ColumnOrder => _analysis.ColumnOrder;

    /// <summary>Whether numeric factorizations split the work over two threads (large systems, threads &gt; 1).</summary>
    public bool FactorsOnTwoThreads => _analysis.TwoThreads is not null && OnSymbolicPatterns(_state);

    /// <summary>Whether a numeric factorization is available for solving.</summary>
    public bool IsFactored => IsFactoredState(_state);

    /// <summary>
    /// Whether the current factors are L·D·Lᵀ: the matrix was numerically symmetric (A(i,j) = A(j,i) exactly), its
    /// diagonal pivots passed the pivot test, and U = D·Lᵀ is implied rather than stored.
    /// </summary>
    public bool IsSymmetricFactorization => _state == FactorState.SymmetricFactored;

    /// <summary>Number of factorizations (first or refactorizations) done as L·D·Lᵀ.</summary>
    public int SymmetricFactorizations { get; private set; }

    /// <summary>
    /// Entries of L + U including the diagonal (0 before the first factorization); an L·D·Lᵀ counts U = D·Lᵀ as if
    /// stored, so the number does not depend on the path.
    /// </summary>
    public int FactorNonZeros => IsFactored ? _factors.Lp[Size] + _factors.Up[Size] + Size : 0;

    /// <summary>
    /// Multiply-add operations of one numeric factorization with the current patterns (a measure of its cost,
    /// independent of the machine); 0 before the first factorization. An L·D·Lᵀ needs Σ c(c+1)/2 over the L column
    /// counts c, half of the LU's Σ c(c+1).
    /// </summary>
    public long FactorOperations
    {
        get
        {
            if (!IsFactored) return 0;
            var f = _factors;
            if (IsSymmetricFactorization) return SymbolicFactorization.Operations(f.Lp) / 2;
            long ops = 0;
            for (int p = 0; p < f.Up[Size]; p++)
            {
                int j = f.Ui[p];
                ops += f.Lp[j + 1] - f.Lp[j];
            }
            return ops + f.Lp[Size];
        }
    }

    /// <summary>Number of factorizations that searched for pivots (the first, and any that had to re-pivot).</summary>
    public int PivotingFactorizations { get; private set; }

    /// <summary>Number of first factorizations that kept the diagonal pivots of the symbolic analysis.</summary>
    public int DiagonalFactorizations { get; private set; }

    /// <summary>Number of refactorizations that reused the previous pivot sequence.</summary>
    public int Refactorizations { get; private set; }

    /// <summary>
    /// Numeric factorization from the current matrix values. The first call chooses pivots; later calls reuse the
    /// pivot sequence and the L/U patterns, and search pivots anew only if a reused pivot became too small.
    /// </summary>
    /// <exception cref="SingularMatrixException">No usable pivot exists for some unknown.</exception>
    public void Factor()
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            FactorNumerically();
        }
        finally
        {
            FactorTime = Stopwatch.GetElapsedTime(start);
        }
    }

    /// <summary>Wall time of the last <see cref="Factor"/> call (including a fallback pivot search).</summary>
    public TimeSpan FactorTime { get; private set; }

    /// <summary>Forces the next <see cref="Factor"/> to search pivots afresh (the symbolic ordering is kept).</summary>
    public void ResetPivots() => _state = _state switch
    {
        FactorState.SymmetricFactored or FactorState.DiagonalFactored => FactorState.DiagonalDiscarded,
        FactorState.PivotedFactored => FactorState.PivotedDiscarded,
        _ => _state,
    };

    private void FactorNumerically()
    {
        var state = _state;
        bool first = state == FactorState.Analysed;
        bool onDiagonal = state is FactorState.SymmetricFactored or FactorState.DiagonalFactored;
        // L·D·Lᵀ while the diagonal pivots of the symbolic analysis are in use (the same condition under which LU
        // would try them: a first factorization, or a refactorization of diagonal-pivot factors) and the values are
        // symmetric; Newton iterations may alternate between this and LU, both fit the same patterns.
        if ((first || onDiagonal) && _analysis.SymmetricPattern && _a.IsSymmetric(values: true, _cursor))
        {
            _state = first ? FactorState.Analysed : FactorState.DiagonalDiscarded;
            if (Refactorization.Factor(_a, _analysis, _factors, symmetric: true, symbolicPatterns: true,
                    first ? PivotThreshold : RefactorThreshold))
            {
                _state = FactorState.SymmetricFactored;
                SymmetricFactorizations++;
                if (first) DiagonalFactorizations++;
                else Refactorizations++;
                return;
            }
            // A pivot failed the test: the LU path would have failed on the same pivots, so search them as it does.
            SearchPivots();
            return;
        }
        _factors.EnsureUpperValues();
        if (IsFactoredState(state))
        {
            if (Refactorization.Factor(_a, _analysis, _factors, symmetric: false, OnSymbolicPatterns(state), RefactorThreshold))
            {
                _state = onDiagonal ? FactorState.DiagonalFactored : FactorState.PivotedFactored;
                Refactorizations++;
                return;
            }
        }
        else if (first && Refactorization.Factor(_a, _analysis, _factors, symmetric: false, symbolicPatterns: true, PivotThreshold))
        {
            // The symbolic diagonal pivots were acceptable: no pivot search needed at all.
            _state = FactorState.DiagonalFactored;
            DiagonalFactorizations++;
            return;
        }
        SearchPivots();
    }

    /// <summary>The factorization with a pivot search, which leaves the symbolic patterns behind for good.</summary>
    private void SearchPivots()
    {
        _state = FactorState.PivotedDiscarded;
        (_pivoting ??= new PivotingLu(_factors, _cursor)).Factor(_a, PivotThreshold);
        _state = FactorState.PivotedFactored;
        PivotingFactorizations++;
    }

    private static bool IsFactoredState(FactorState state) =>
        state is FactorState.SymmetricFactored or FactorState.DiagonalFactored or FactorState.PivotedFactored;

    private static bool OnSymbolicPatterns(FactorState state) =>
        state is FactorState.Analysed or FactorState.SymmetricFactored or FactorState.DiagonalFactored or FactorState.DiagonalDiscarded;

    /// <summary>Solves A·x = b in place (b on entry, x on return).</summary>
    public void Solve(Span<double> rhs)
    {
        CheckSolvable(rhs.Length);
        if (IsSymmetricFactorization) TriangularSolves.Ldl(_factors, rhs);
        else TriangularSolves.Lu(_factors, rhs);
    }

    /// <summary>Solves Aᵀ·x = b in place (b on entry, x on return).</summary>
    public void SolveTransposed(Span<double> rhs)
    {
        CheckSolvable(rhs.Length);
        if (IsSymmetricFactorization) TriangularSolves.Ldl(_factors, rhs); // Aᵀ = A
        else TriangularSolves.LuTransposed(_factors, rhs);
    }

    /// <summary>
    /// Solves A·X = B in place for <paramref name="count"/> right-hand sides stored column-major in
    /// <paramref name="rhs"/> (column c occupies rhs[c·Size .. (c+1)·Size)).
    /// </summary>
    public void Solve(double[] rhs, int count)
    {
        ArgumentNullException.ThrowIfNull(rhs);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = Size;
        if ((long)count * n > rhs.Length) throw new ArgumentException($"need {count}×{n} values, got {rhs.Length}", nameof(rhs));
        for (int c = 0; c < count; c++) Solve(rhs.AsSpan(c * n, n));
    }

    private void CheckSolvable(int length)
    {
        if (!IsFactored) throw new InvalidOperationException("Factor() must succeed before solving");
        if (length != Size) throw new ArgumentException($"right-hand side must have {Size} entries, got {length}");
    }
}
