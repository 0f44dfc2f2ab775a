using System.Runtime.CompilerServices;

namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// The factor stage with a pivot search: a left-looking Gilbert–Peierls LU with threshold partial pivoting that
/// prefers the diagonal (so the symmetric fill-reducing order survives on MNA matrices, which are nearly symmetric in
/// pattern). It rewrites the patterns and the pivot sequence of the <see cref="LuFactors"/> it works on.
/// </summary>
internal sealed class PivotingLu
{
    private readonly LuFactors _f;
    private readonly int[] _mark, _stack, _topo, _pos;

    /// <summary>
    /// A pivot search over <paramref name="factors"/>, with <paramref name="positions"/> (n entries, borrowed: free
    /// outside a search) as the depth-first search's positions.
    /// </summary>
    public PivotingLu(LuFactors factors, int[] positions)
    {
        _f = factors;
        int n = factors.Size;
        _stack = new int[n];
        _topo = new int[n];
        _mark = new int[n];
        _pos = positions;
    }

    /// <summary>
    /// Factors <paramref name="a"/> choosing pivots: the diagonal candidate when its row-scaled magnitude is at least
    /// <paramref name="threshold"/> times the largest candidate's, else the largest.
    /// </summary>
    /// <exception cref="SingularMatrixException">No usable pivot exists for some unknown.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Factor(CscMatrix a, double threshold)
    {
        var f = _f;
        int n = f.Size;
        var colPtr = a.ColumnPointers;
        var rows = a.RowIndices;
        var values = a.Values;
        var x = f.Work;
        var pinv = f.PivotStep;
        var mark = _mark;
        var topo = _topo;
        var q = f.ColumnOrder;
        Array.Fill(pinv, -1);
        Array.Fill(mark, -1);
        f.EnsureUpperValues();
        int lnz = 0, unz = 0;
        f.ScaleRows(a);
        var rowInv = f.RowScale;
        for (int k = 0; k < n; k++)
        {
            int col = q[k];
            f.Lp[k] = lnz;
            f.Up[k] = unz;

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
            if (unz + needed > f.Ui.Length)
            {
                var ux = f.Ux;
                Grow(ref f.Ui, ref ux, unz + needed);
                f.Ux = ux;
            }
            if (lnz + needed > f.Li.Length) Grow(ref f.Li, ref f.Lx, lnz + needed);
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
                    double v = Math.Abs(x[i]) * rowInv[i];
                    if (v > maxAbs || maxRow < 0) { maxAbs = v; maxRow = i; }
                    if (i == diagRow) diagCandidate = true;
                    continue;
                }
                double xj = x[i];
                f.Ui[unz] = j;
                f.Ux[unz++] = xj;
                x[i] = 0;
                if (xj == 0) continue;
                for (int p = f.Lp[j]; p < f.Lp[j + 1]; p++) x[f.Li[p]] -= f.Lx[p] * xj;
            }
            if (maxRow < 0 || !(maxAbs > 0) || double.IsInfinity(maxAbs))
            {
                for (int t = top; t < n; t++) x[topo[t]] = 0;
                f.Lp[k + 1] = lnz;
                f.Up[k + 1] = unz;
                string why = maxRow < 0 ? "structurally singular"
                    : double.IsNaN(maxAbs) || double.IsInfinity(maxAbs) ? "not finite" : "numerically singular";
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
            f.PivotRow[k] = pivRow;
            f.Diagonal[k] = pivot;
            x[pivRow] = 0;
            for (int t = top; t < n; t++)
            {
                int i = topo[t];
                if (pinv[i] >= 0) continue; // U entries (cleared above) and the pivot
                f.Li[lnz] = i;
                f.Lx[lnz++] = x[i] / pivot;
                x[i] = 0;
            }
        }
        f.Lp[n] = lnz;
        f.Up[n] = unz;
        for (int p = 0; p < lnz; p++) f.Li[p] = pinv[f.Li[p]]; // rows into step numbering
    }

    /// <summary>Depth-first search from row <paramref name="start"/> through the columns of L built so far.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Reach(int start, int k, int top)
    {
        var mark = _mark;
        var stack = _stack;
        var pos = _pos;
        var topo = _topo;
        var pinv = _f.PivotStep;
        var lp = _f.Lp;
        var li = _f.Li;
        int head = 0;
        stack[0] = start;
        mark[start] = k;
        int js = pinv[start];
        pos[0] = js >= 0 ? lp[js] : 0;
        while (head >= 0)
        {
            int i = stack[head];
            int j = pinv[i];
            bool descended = false;
            if (j >= 0)
            {
                int end = lp[j + 1];
                for (int p = pos[head]; p < end; p++)
                {
                    int r = li[p];
                    if (mark[r] == k) continue;
                    pos[head] = p + 1;
                    mark[r] = k;
                    stack[++head] = r;
                    int jr = pinv[r];
                    pos[head] = jr >= 0 ? lp[jr] : 0;
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
}
