using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// Sparse LU factorization P·A·Q = L·U for circuit matrices: a fill-reducing column order Q computed once per
/// pattern (symbolic analysis), a left-looking Gilbert–Peierls numeric factorization with threshold partial pivoting
/// that prefers the diagonal (so the symmetric fill-reducing order survives on MNA matrices, which are nearly
/// symmetric in pattern), and a refactorization that reuses the pivot sequence and the L/U patterns without any
/// search or allocation (Newton iterations, Monte-Carlo trials). A numerically symmetric matrix (a reciprocal circuit:
/// resistors, conductances, voltage sources, [G B; Bᵀ 0]) is factored as L·D·Lᵀ instead, on the same patterns: half
/// the multiply-adds and no U values, with the same pivot test and the LU path as the fallback. Not thread-safe: one
/// instance per thread.
/// </summary>
public sealed class SparseLu
{
    private readonly CscMatrix _a;
    private readonly int _n;
    private readonly int[] _q;      // step k eliminates unknown (column) _q[k]
    private readonly int[] _pinv;   // row -> step at which it was pivotal, -1 while not yet pivotal
    private readonly int[] _prow;   // step -> pivot row

    // L (unit diagonal, not stored) and U (diagonal in _udiag), by columns, row indices in step numbering.
    private int[] _lp, _li, _up, _ui;
    private double[] _lx;
    private double[]? _ux; // U values: allocated on the first LU factorization (an L·D·Lᵀ never needs them)
    private readonly double[] _udiag, _rowInv, _stepInv;

    // Workspace.
    private readonly double[] _x;
    private readonly int[] _dfsPos;
    private int[]? _mark, _dfsStack, _topo; // the pivot search's, allocated by the first one
    private bool _factored, _factoredOnce, _diagonalPattern;

    // Supernodes of the symbolic patterns: column j's L structure is rows j+1.._superEnd[j] followed by exactly the
    // structure of column _superEnd[j], so a run of such columns updates a later column with one shared row list.
    private readonly int[] _superEnd;
    private readonly double[] _runValues;
    private bool _supernodal;

    // Two-thread plan (null when sequential): owner 1 and 2 mark two independent subtrees, 0 the columns after them.
    private readonly byte[]? _owner;
    private readonly int[] _ownerRanges = [0, 0, 0, 0];
    private (double[] X, double[] Run)? _secondWorkspace;

    // L·D·Lᵀ: whether A's pattern is structurally symmetric (fixed), whether the current factors are L·D·Lᵀ (D in
    // _udiag, U = D·Lᵀ implied), and during a factorization the position in each L column of the row being computed.
    private readonly bool _symmetricPattern;
    private bool _symmetricFactors;
    private int[]? _next;

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
        _n = matrix.Size;
        var clock = Stopwatch.StartNew();
        var (ptr, adj) = AmdOrdering.SymmetricPattern(matrix, out bool structurallySymmetric);
        TimeSpan symbolic = TimeSpan.Zero;
        if (ordering == FillOrdering.Automatic && _n >= AutomaticDissectionSize)
        {
            // Nested dissection first. A separator of order √n marks a planar, grid-like graph (a crossbar), where
            // it beats minimum degree by a growing factor, so AMD is not even tried; otherwise both are analysed
            // and the one whose factorization needs fewer operations is kept.
            var nd = NestedDissectionOrdering.Order(_n, ptr, adj, threads, out int separator);
            _q = SymbolicFactorization.DelayZeroDiagonals(matrix, ptr, adj, nd);
            ordering = FillOrdering.NestedDissection;
            OrderingTime = clock.Elapsed;
            clock.Restart();
            (_up, _ui, _lp, _li) = SymbolicFactorization.Build(_n, ptr, adj, _q, threads);
            symbolic = clock.Elapsed;
            if (separator < 0 || separator > PlanarSeparatorFactor * Math.Sqrt(_n))
            {
                clock.Restart();
                var amd = SymbolicFactorization.DelayZeroDiagonals(matrix, ptr, adj, AmdOrdering.Order(_n, ptr, adj));
                bool amdWins = SymbolicFactorization.Operations(_n, ptr, adj, amd) < SymbolicFactorization.Operations(_lp);
                OrderingTime += clock.Elapsed;
                if (amdWins)
                {
                    _q = amd;
                    ordering = FillOrdering.Amd;
                    clock.Restart();
                    (_up, _ui, _lp, _li) = SymbolicFactorization.Build(_n, ptr, adj, _q, threads);
                    symbolic = clock.Elapsed;
                }
            }
        }
        else
        {
            int[] order;
            if (ordering is FillOrdering.Amd or FillOrdering.Automatic)
            {
                order = AmdOrdering.Order(_n, ptr, adj);
                ordering = FillOrdering.Amd;
            }
            else if (ordering == FillOrdering.NestedDissection) order = NestedDissectionOrdering.Order(_n, ptr, adj);
            else
            {
                order = new int[_n];
                for (int i = 0; i < _n; i++) order[i] = i;
            }
            _q = SymbolicFactorization.DelayZeroDiagonals(matrix, ptr, adj, order);
            OrderingTime = clock.Elapsed;
            clock.Restart();
            (_up, _ui, _lp, _li) = SymbolicFactorization.Build(_n, ptr, adj, _q, threads);
            symbolic = clock.Elapsed;
        }
        clock.Restart();
        // Every value a factorization reads it has written first; uninitialized arrays spare a cold process the page
        // faults of zeroing megabytes it is about to overwrite.
        _lx = GC.AllocateUninitializedArray<double>(_li.Length);
        SymbolicTime = symbolic + clock.Elapsed;
        Ordering = ordering;
        _pinv = new int[_n];
        _prow = new int[_n];
        UseDiagonalPivots();
        _udiag = new double[_n];
        _rowInv = new double[_n];
        _stepInv = new double[_n];
        _x = new double[_n];
        _dfsPos = new int[_n];
        _superEnd = FindSupernodes(_n, _lp, _li);
        _runValues = new double[_n];
        _supernodal = true;
        _symmetricPattern = structurallySymmetric;
        if (threads > 1 && SymbolicFactorization.Operations(_lp) >= ParallelWork)
        {
            _owner = PlanTwoThreads(_n, _lp, _li, _up, _ui, out _ownerRanges);
        }
    }

    /// <summary>Time spent on the symbolic factorization (elimination tree and L/U patterns).</summary>
    public TimeSpan SymbolicTime { get; }

    /// <summary>Matrix dimension.</summary>
    public int Size => _n;

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
    public FillOrdering Ordering { get; }

    /// <summary>
    /// A candidate pivot on the diagonal is taken when its magnitude is at least this fraction of the largest
    /// candidate in its column, magnitudes measured after scaling each row by its largest entry (threshold partial pivoting). Smaller keeps the fill-reducing order, larger is stabler.
    /// </summary>
    public double PivotThreshold { get; set; } = 0.001;

    /// <summary>
    /// A refactorization keeps the previous pivot while its magnitude is at least this fraction of the largest entry
    /// below it; otherwise the factorization is redone with a fresh pivot search.
    /// </summary>
    public double RefactorThreshold { get; set; } = 0.0001;

    /// <summary>Time spent in the fill-reducing ordering.</summary>
    public TimeSpan OrderingTime { get; }

    /// <summary>The column order: step k eliminates unknown ColumnOrder[k].</summary>
    public ReadOnlySpan<int> ColumnOrder => _q;

    /// <summary>Whether numeric factorizations split the work over two threads (large systems, threads &gt; 1).</summary>
    public bool FactorsOnTwoThreads => _owner is not null && _supernodal;

    /// <summary>Whether a numeric factorization is available for solving.</summary>
    public bool IsFactored => _factored;

    /// <summary>
    /// Whether the current factors are L·D·Lᵀ: the matrix was numerically symmetric (A(i,j) = A(j,i) exactly), its
    /// diagonal pivots passed the pivot test, and U = D·Lᵀ is implied rather than stored.
    /// </summary>
    public bool IsSymmetricFactorization => _factored && _symmetricFactors;

    /// <summary>Number of factorizations (first or refactorizations) done as L·D·Lᵀ.</summary>
    public int SymmetricFactorizations { get; private set; }

    /// <summary>
    /// Entries of L + U including the diagonal (0 before the first factorization); an L·D·Lᵀ counts U = D·Lᵀ as if
    /// stored, so the number does not depend on the path.
    /// </summary>
    public int FactorNonZeros => _factored ? _lp[_n] + _up[_n] + _n : 0;

    /// <summary>
    /// Multiply-add operations of one numeric factorization with the current patterns (a measure of its cost,
    /// independent of the machine); 0 before the first factorization. An L·D·Lᵀ needs Σ c(c+1)/2 over the L column
    /// counts c, half of the LU's Σ c(c+1).
    /// </summary>
    public long FactorOperations
    {
        get
        {
            if (!_factored) return 0;
            if (_symmetricFactors) return SymbolicFactorization.Operations(_lp) / 2;
            long ops = 0;
            for (int p = 0; p < _up[_n]; p++)
            {
                int j = _ui[p];
                ops += _lp[j + 1] - _lp[j];
            }
            return ops + _lp[_n];
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

    private void FactorNumerically()
    {
        // L·D·Lᵀ while the diagonal pivots of the symbolic analysis are in use (the same condition under which LU
        // would try them: a first factorization, or a refactorization of diagonal-pivot factors) and the values are
        // symmetric; Newton iterations may alternate between this and LU, both fit the same patterns. (The symmetry
        // check borrows the depth-first search's positions, free outside a pivot search.)
        if (_diagonalPattern && _symmetricPattern && (_factored || !_factoredOnce) && _a.IsSymmetric(values: true, _dfsPos))
        {
            bool refactor = _factored;
            _factored = false;
            _symmetricFactors = true;
            if (NumericLdl(refactor ? RefactorThreshold : PivotThreshold))
            {
                _factored = _factoredOnce = true;
                SymmetricFactorizations++;
                if (refactor) Refactorizations++;
                else DiagonalFactorizations++;
                return;
            }
            // A pivot failed the test: the LU path would have failed on the same pivots, so search them as it does.
            _symmetricFactors = false;
            _diagonalPattern = false;
            _supernodal = false;
            EnsureUpperValues();
            FactorWithPivoting();
            _factoredOnce = true;
            PivotingFactorizations++;
            _factored = true;
            return;
        }
        _symmetricFactors = false;
        EnsureUpperValues();
        if (_factored && NumericFactor(RefactorThreshold))
        {
            Refactorizations++;
            return;
        }
        _factored = false;
        if (_diagonalPattern && !_factoredOnce && NumericFactor(PivotThreshold))
        {
            // The symbolic diagonal pivots were acceptable: no pivot search needed at all.
            _factored = _factoredOnce = true;
            DiagonalFactorizations++;
            return;
        }
        _diagonalPattern = false;
        _supernodal = false; // pivoted patterns have no supernode layout (rows no longer ascending)
        FactorWithPivoting();
        _factoredOnce = true;
        PivotingFactorizations++;
        _factored = true;
    }

    /// <summary>Forces the next <see cref="Factor"/> to search pivots afresh (the symbolic ordering is kept).</summary>
    public void ResetPivots() => _factored = false;

    [MemberNotNull(nameof(_ux))]
    private void EnsureUpperValues() => _ux ??= GC.AllocateUninitializedArray<double>(_ui.Length);

    /// <summary>
    /// 1 / (largest magnitude in each row): pivots are judged on the row-scaled matrix, as in KLU, so that a
    /// branch-current row with unit entries does not outweigh a node row measured in siemens.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ComputeRowScale()
    {
        var rowInv = _rowInv;
        Array.Clear(rowInv);
        var rows = _a.RowIndices;
        var values = _a.Values;
        for (int p = 0; p < rows.Length; p++)
        {
            double a = Math.Abs(values[p]);
            if (a > rowInv[rows[p]]) rowInv[rows[p]] = a;
        }
        for (int i = 0; i < _n; i++) rowInv[i] = rowInv[i] > 0 && !double.IsInfinity(rowInv[i]) ? 1 / rowInv[i] : 1;
    }

    private void UseDiagonalPivots()
    {
        for (int k = 0; k < _n; k++)
        {
            _prow[k] = _q[k];
            _pinv[_q[k]] = k;
        }
        _diagonalPattern = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FactorWithPivoting()
    {
        int n = _n;
        var colPtr = _a.ColumnPointers;
        var rows = _a.RowIndices;
        var values = _a.Values;
        var x = _x;
        var pinv = _pinv;
        _dfsStack ??= new int[_n];
        _topo ??= new int[_n];
        var mark = _mark ??= new int[_n];
        var topo = _topo;
        Array.Fill(pinv, -1);
        Array.Fill(mark, -1);
        EnsureUpperValues();
        int lnz = 0, unz = 0;
        double threshold = PivotThreshold;
        ComputeRowScale();
        var rowInv = _rowInv;
        for (int k = 0; k < n; k++)
        {
            int col = _q[k];
            _lp[k] = lnz;
            _up[k] = unz;

            // Pattern of column k of L\U: rows reachable in the graph of L from the rows of A(:, col).
            int top = n;
            for (int p = colPtr[col]; p < colPtr[col + 1]; p++)
            {
                int i = rows[p];
                if (mark[i] != k) top = Reach(i, k, top);
            }
            for (int p = colPtr[col]; p < colPtr[col + 1]; p++) x[rows[p]] = values[p];

            // Sparse triangular solve in topological order; collect U entries and pivot candidates.
            int needed = n - top;
            if (unz + needed > _ui.Length)
            {
                var ux = _ux;
                Grow(ref _ui, ref ux, unz + needed);
                _ux = ux;
            }
            if (lnz + needed > _li.Length) Grow(ref _li, ref _lx, lnz + needed);
            double maxAbs = -1;
            int maxRow = -1;
            int diagRow = col; // the diagonal of the symmetrically permuted matrix
            bool diagCandidate = false;
            for (int t = top; t < n; t++)
            {
                int i = topo[t];
                int j = pinv[i];
                if (j < 0)
                {
                    double a = Math.Abs(x[i]) * rowInv[i];
                    if (a > maxAbs || maxRow < 0) { maxAbs = a; maxRow = i; }
                    if (i == diagRow) diagCandidate = true;
                    continue;
                }
                double xj = x[i];
                _ui[unz] = j;
                _ux[unz++] = xj;
                x[i] = 0;
                if (xj == 0) continue;
                for (int p = _lp[j]; p < _lp[j + 1]; p++) x[_li[p]] -= _lx[p] * xj;
            }
            if (maxRow < 0 || !(maxAbs > 0) || double.IsInfinity(maxAbs))
            {
                for (int t = top; t < n; t++) x[topo[t]] = 0;
                _lp[k + 1] = lnz;
                _up[k + 1] = unz;
                string why = maxRow < 0 ? "structurally singular" : double.IsNaN(maxAbs) || double.IsInfinity(maxAbs) ? "not finite" : "numerically singular";
                throw new SingularMatrixException(col, $"matrix is {why}: no pivot for unknown {col}");
            }
            int pivRow = maxRow;
            if (diagCandidate && Math.Abs(x[diagRow]) * rowInv[diagRow] >= threshold * maxAbs) pivRow = diagRow;
            double pivot = x[pivRow];
            if (double.IsNaN(pivot))
            {
                for (int t = top; t < n; t++) x[topo[t]] = 0;
                throw new SingularMatrixException(col, $"matrix is not finite: no pivot for unknown {col}");
            }
            pinv[pivRow] = k;
            _prow[k] = pivRow;
            _udiag[k] = pivot;
            x[pivRow] = 0;
            for (int t = top; t < n; t++)
            {
                int i = topo[t];
                if (pinv[i] >= 0) continue; // U entries (cleared above) and the pivot
                _li[lnz] = i;
                _lx[lnz++] = x[i] / pivot;
                x[i] = 0;
            }
        }
        _lp[n] = lnz;
        _up[n] = unz;
        for (int p = 0; p < lnz; p++) _li[p] = pinv[_li[p]]; // rows into step numbering
    }

    /// <summary>Depth-first search from row <paramref name="start"/> through the columns of L built so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Reach(int start, int k, int top)
    {
        var mark = _mark!;
        var stack = _dfsStack!;
        var pos = _dfsPos;
        var topo = _topo!;
        var pinv = _pinv;
        int head = 0;
        stack[0] = start;
        mark[start] = k;
        int js = pinv[start];
        pos[0] = js >= 0 ? _lp[js] : 0;
        while (head >= 0)
        {
            int i = stack[head];
            int j = pinv[i];
            bool descended = false;
            if (j >= 0)
            {
                int end = _lp[j + 1];
                for (int p = pos[head]; p < end; p++)
                {
                    int r = _li[p];
                    if (mark[r] == k) continue;
                    pos[head] = p + 1;
                    mark[r] = k;
                    stack[++head] = r;
                    int jr = pinv[r];
                    pos[head] = jr >= 0 ? _lp[jr] : 0;
                    descended = true;
                    break;
                }
            }
            if (!descended)
            {
                head--;
                topo[--top] = i;
            }
        }
        return top;
    }

    private static void Grow(ref int[] index, ref double[] value, int needed)
    {
        int size = Math.Max(needed, index.Length * 2);
        Array.Resize(ref index, size);
        Array.Resize(ref value, size);
    }

    /// <summary>
    /// Numeric factorization on the stored patterns and pivot sequence (no search, no allocation); false when a
    /// pivot is smaller than <paramref name="tolerance"/> times the largest entry below it. With a parallel plan the
    /// two largest independent subtrees of the elimination tree are factored on two threads, then the rest: every
    /// column is still computed by the same operations in the same order, so the factors are bit-identical.
    /// </summary>
    private bool NumericFactor(double tolerance)
    {
        ComputeRowScale();
        for (int k = 0; k < _n; k++) _stepInv[k] = _rowInv[_prow[k]];
        var owner = _supernodal ? _owner : null; // the plan comes from the symbolic patterns, as the supernodes do
        return owner is null ? FactorColumns(0, _n, null, 0, tolerance, _x, _runValues) : OnTwoThreads(owner, tolerance, symmetric: false);
    }

    /// <summary>
    /// The two-thread schedule of either kernel: the two independent subtrees at once, then the columns after them (a
    /// separate method: its closure is allocated only when it runs).
    /// </summary>
    private bool OnTwoThreads(byte[] owner, double tolerance, bool symmetric)
    {
        var second = _secondWorkspace ??= (new double[_n], new double[_n]);
        bool firstOk = true;
        var worker = Task.Run(() => firstOk = Columns(symmetric, _ownerRanges[0], _ownerRanges[1], owner, 1, tolerance, second.X, second.Run));
        bool secondOk = Columns(symmetric, _ownerRanges[2], _ownerRanges[3], owner, 2, tolerance, _x, _runValues);
        worker.Wait();
        return firstOk && secondOk && Columns(symmetric, 0, _n, owner, 0, tolerance, _x, _runValues);
    }

    private bool Columns(bool symmetric, int from, int to, byte[] owner, byte part, double tolerance, double[] xs, double[] runs) =>
        symmetric
            ? LdlColumns(from, to, owner, part, tolerance, xs, runs)
            : FactorColumns(from, to, owner, part, tolerance, xs, runs);

    /// <summary>
    /// Factors columns from..to-1 (those whose <paramref name="owner"/> entry is <paramref name="part"/>, or all of
    /// them without an owner map) with the workspaces <paramref name="xs"/> and <paramref name="runs"/>, which it
    /// leaves zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe bool FactorColumns(int from, int to, byte[]? owner, byte part, double tolerance, double[] xs, double[] runs)
    {
        bool supernodal = _supernodal;
        fixed (int* colPtr = _a.ColumnPointers, rows = _a.RowIndices, pinv = _pinv, q = _q, superEnd = _superEnd)
        fixed (int* lp = _lp, li = _li, up = _up, ui = _ui)
        fixed (double* values = _a.Values, x = xs, lx = _lx, ux = _ux, udiag = _udiag, scale = _stepInv, u = runs)
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
                    if (supernodal && last > j && last < k && IsRun(ui, p, end, j, last))
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
                if (!PivotAndScale(k, pivot, tolerance, lp[k], lp[k + 1], x, li, lx, scale)) return false;
                udiag[k] = pivot;
            }
        }
        return true;
    }

    /// <summary>
    /// Both kernels' pivot test and column scaling: false (and column k's entries cleared from x) when the pivot is zero,
    /// not finite, or below <paramref name="tolerance"/> times the largest row-scaled entry under it; otherwise
    /// L(k0..k1) = x / pivot, leaving x zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe bool PivotAndScale(int k, double pivot, double tolerance, int k0, int k1, double* x, int* li, double* lx, double* scale)
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

    /// <summary>
    /// L·D·Lᵀ on the symbolic patterns (diagonal pivots, no allocation): false when a pivot is zero or not finite, or
    /// fails the LU path's test (the pivot against the row-scaled entries below it, which are l_ik·d_k, exactly the
    /// values the LU divides by its pivot). The same two-thread plan as the LU applies: a column of an independent
    /// subtree reads only columns of that subtree, so every entry is computed by the same operations in the same order
    /// for any thread count.
    /// </summary>
    private bool NumericLdl(double tolerance)
    {
        ComputeRowScale();
        for (int k = 0; k < _n; k++) _stepInv[k] = _rowInv[_prow[k]];
        _next ??= new int[_n];
        var owner = _supernodal ? _owner : null;
        return owner is null ? LdlColumns(0, _n, null, 0, tolerance, _x, _runValues) : OnTwoThreads(owner, tolerance, symmetric: true);
    }

    /// <summary>
    /// Columns from..to-1 of L and D, left-looking: U(:,k) = D·L(k,:)ᵀ is known from the columns before, so column k
    /// takes only the updates of rows k and below, from the tails of the L columns in its row pattern (U(:,k)); the
    /// position of row k in column j is <c>next[j]</c>, which advances as the columns come. Consecutive columns of
    /// one fundamental supernode share their rows from k on, so they update together, four per pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe bool LdlColumns(int from, int to, byte[]? owner, byte part, double tolerance, double[] xs, double[] runs)
    {
        bool supernodal = _supernodal;
        fixed (int* colPtr = _a.ColumnPointers, rows = _a.RowIndices, pinv = _pinv, q = _q, superEnd = _superEnd)
        fixed (int* lp = _lp, li = _li, up = _up, ui = _ui, next = _next)
        fixed (double* values = _a.Values, x = xs, lx = _lx, d = _udiag, scale = _stepInv, u = runs)
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
                    if (supernodal && last > j && IsRun(ui, p, end, j, last))
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
                if (!PivotAndScale(k, pivot, tolerance, lp[k], lp[k + 1], x, li, lx, scale)) return false;
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

    /// <summary>
    /// Splits the columns for a two-thread factorization: the two heaviest disjoint subtrees of the elimination tree
    /// (parent of j = first row of L(:,j)) found on the path down the heaviest children, marked 1 and 2; everything
    /// else 0, factored after both. Null when the split would not save at least a quarter of the work.
    /// </summary>
    private static byte[]? PlanTwoThreads(int n, int[] lp, int[] li, int[] up, int[] ui, out int[] ranges)
    {
        ranges = [0, 0, 0, 0];
        if (n < 2) return null;
        // Work of column k: the multiply-adds of its updates plus its own scaling.
        var work = new long[n];
        for (int k = 0; k < n; k++)
        {
            long w = lp[k + 1] - lp[k];
            for (int p = up[k]; p < up[k + 1]; p++) w += lp[ui[p] + 1] - lp[ui[p]];
            work[k] = w;
        }
        var parent = new int[n];
        var subtree = (long[])work.Clone();
        var first = new int[n];
        for (int j = 0; j < n; j++) first[j] = j;
        long total = 0;
        for (int j = 0; j < n; j++)
        {
            total += work[j];
            parent[j] = lp[j + 1] > lp[j] ? li[lp[j]] : -1;
            if (parent[j] >= 0)
            {
                subtree[parent[j]] += subtree[j];
                first[parent[j]] = Math.Min(first[parent[j]], first[j]);
            }
        }
        // Heaviest and second heaviest child of every node, and the heaviest root.
        var heavy = new int[n];
        var second = new int[n];
        Array.Fill(heavy, -1);
        Array.Fill(second, -1);
        int root = -1, rootSecond = -1;
        for (int j = 0; j < n; j++)
        {
            int p = parent[j];
            ref int h = ref p >= 0 ? ref heavy[p] : ref root;
            ref int s = ref p >= 0 ? ref second[p] : ref rootSecond;
            if (h < 0 || subtree[j] > subtree[h]) { s = h; h = j; }
            else if (s < 0 || subtree[j] > subtree[s]) s = j;
        }
        long bestGain = 0;
        int bestA = -1, bestB = -1;
        if (rootSecond >= 0)
        {
            bestGain = Math.Min(subtree[root], subtree[rootSecond]);
            (bestA, bestB) = (root, rootSecond);
        }
        for (int v = root; v >= 0; v = heavy[v])
        {
            if (heavy[v] >= 0 && second[v] >= 0 && Math.Min(subtree[heavy[v]], subtree[second[v]]) > bestGain)
            {
                bestGain = Math.Min(subtree[heavy[v]], subtree[second[v]]);
                (bestA, bestB) = (heavy[v], second[v]);
            }
        }
        if (bestA < 0 || 4 * bestGain < total) return null;
        var owner = new byte[n];
        Mark(bestA, 1);
        Mark(bestB, 2);
        ranges = [first[bestA], bestA + 1, first[bestB], bestB + 1];
        return owner;

        // A subtree's columns lie in first[r]..r; its members are those whose climb reaches r.
        void Mark(int r, byte part)
        {
            owner[r] = part;
            for (int j = r - 1; j >= first[r]; j--)
            {
                int p = parent[j];
                if (p >= 0 && p <= r && owner[p] == part) owner[j] = part;
            }
        }
    }

    /// <summary>True when U(:,k) lists columns first..last consecutively from position p.</summary>
    private static unsafe bool IsRun(int* ui, int p, int end, int first, int last)
    {
        if (p + (last - first) >= end) return false;
        for (int t = 1; t <= last - first; t++)
        {
            if (ui[p + t] != first + t) return false;
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

    /// <summary>Solves A·x = b in place (b on entry, x on return).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void Solve(Span<double> rhs)
    {
        CheckSolvable(rhs.Length);
        if (_symmetricFactors)
        {
            SolveSymmetric(rhs);
            return;
        }
        int n = _n;
        fixed (double* b = rhs, y = _x, lx = _lx, ux = _ux, d = _udiag)
        fixed (int* prow = _prow, q = _q, lp = _lp, li = _li, up = _up, ui = _ui)
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

    /// <summary>Solves Aᵀ·x = b in place (b on entry, x on return).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void SolveTransposed(Span<double> rhs)
    {
        CheckSolvable(rhs.Length);
        if (_symmetricFactors)
        {
            SolveSymmetric(rhs); // Aᵀ = A
            return;
        }
        int n = _n;
        fixed (double* b = rhs, y = _x, lx = _lx, ux = _ux, d = _udiag)
        fixed (int* prow = _prow, q = _q, lp = _lp, li = _li, up = _up, ui = _ui)
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
    private unsafe void SolveSymmetric(Span<double> rhs)
    {
        int n = _n;
        fixed (double* b = rhs, y = _x, lx = _lx, d = _udiag)
        fixed (int* q = _q, lp = _lp, li = _li)
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

    /// <summary>
    /// Solves A·X = B in place for <paramref name="count"/> right-hand sides stored column-major in
    /// <paramref name="rhs"/> (column c occupies rhs[c·Size .. (c+1)·Size)).
    /// </summary>
    public void Solve(double[] rhs, int count)
    {
        ArgumentNullException.ThrowIfNull(rhs);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)count * _n > rhs.Length) throw new ArgumentException($"need {count}×{_n} values, got {rhs.Length}", nameof(rhs));
        for (int c = 0; c < count; c++) Solve(rhs.AsSpan(c * _n, _n));
    }

    private void CheckSolvable(int length)
    {
        if (!_factored) throw new InvalidOperationException("Factor() must succeed before solving");
        if (length != _n) throw new ArgumentException($"right-hand side must have {_n} entries, got {length}");
    }
}
