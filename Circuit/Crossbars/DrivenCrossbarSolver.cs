namespace Bmcnn.Circuit.Crossbars;

/// <summary>
/// DC solver for an ohmic crossbar whose rows and columns are both driven by ideal voltage sources, as when a tile is
/// written: row i's source sits at its column-0 end (node <c>r&lt;i&gt;_0</c>), column j's at its last-row end (node
/// <c>c&lt;m−1&gt;_&lt;j&gt;</c>), the same places as <see cref="Crossbar"/>'s drivers and virtual grounds, with uniform
/// wire segments between neighbouring crosspoints (0 Ω = ideal wire: the whole line sits at its source's voltage).
/// With the column voltages held the rows decouple into tridiagonal systems, and with the row voltages held so do the
/// columns, so the solver alternates exact row and column line solves (block Gauss–Seidel, a contraction because every
/// conductance is positive) from the previous solution until no node moves more than <see cref="Tolerance"/> times
/// the largest drive. Work per sweep is O(rows·columns); not thread-safe.
/// </summary>
public sealed class DrivenCrossbarSolver
{
    private readonly int _m, _n;
    private readonly double _gRow, _gColumn;
    private readonly double[] _r, _c;
    private readonly double[] _gather, _diag, _rhs;

    /// <summary>Prepares a solver for <paramref name="rows"/> × <paramref name="columns"/> crosspoints.</summary>
    /// <exception cref="BmcnnException">When a size is not positive or a wire resistance is negative.</exception>
    public DrivenCrossbarSolver(int rows, int columns, double rowWireOhms, double columnWireOhms)
    {
        if (rows <= 0 || columns <= 0) throw new BmcnnException($"crossbar: needs positive rows and columns, got {rows}×{columns}");
        if (!(rowWireOhms >= 0) || !(columnWireOhms >= 0))
        {
            throw new BmcnnException($"crossbar: wire resistances must be ≥ 0 Ω, got {rowWireOhms} and {columnWireOhms}");
        }
        _m = rows;
        _n = columns;
        _gRow = rowWireOhms == 0 ? double.PositiveInfinity : 1 / rowWireOhms;
        _gColumn = columnWireOhms == 0 ? double.PositiveInfinity : 1 / columnWireOhms;
        _r = new double[rows * columns];
        _c = new double[rows * columns];
        var longest = Math.Max(rows, columns);
        _gather = new double[longest];
        _diag = new double[longest];
        _rhs = new double[longest];
    }

    /// <summary>Relative convergence tolerance on node voltages (fraction of the largest drive).</summary>
    public double Tolerance { get; init; } = 1e-12;

    /// <summary>Most sweeps before the solver reports that it does not converge.</summary>
    public int MaxSweeps { get; init; } = 20000;

    /// <summary>Number of rows.</summary>
    public int Rows => _m;

    /// <summary>Number of columns.</summary>
    public int Columns => _n;

    /// <summary>Sweeps the last <see cref="Solve"/> took.</summary>
    public int LastSweeps { get; private set; }

    /// <summary>Row wire node voltages after the last solve (row-major, rows × columns).</summary>
    public ReadOnlySpan<double> RowNodes => _r;

    /// <summary>Column wire node voltages after the last solve (row-major, rows × columns).</summary>
    public ReadOnlySpan<double> ColumnNodes => _c;

    /// <summary>
    /// Solves the crossbar with device conductances <paramref name="g"/> (siemens, row-major, 0 = open) and the given
    /// source voltages, starting from the previous solution, and writes each device's voltage (row node minus column
    /// node) into <paramref name="deviceVolts"/>. Returns the power the sources deliver, in watts.
    /// </summary>
    /// <exception cref="BmcnnException">When the sweeps do not converge within <see cref="MaxSweeps"/>.</exception>
    public double Solve(ReadOnlySpan<double> g, ReadOnlySpan<double> rowVolts, ReadOnlySpan<double> columnVolts, Span<double> deviceVolts)
    {
        int m = _m, n = _n;
        if (g.Length != m * n || rowVolts.Length != m || columnVolts.Length != n || deviceVolts.Length != m * n)
        {
            throw new ArgumentException("crossbar solve: array sizes do not match the crossbar");
        }
        double scale = 0;
        foreach (var v in rowVolts) scale = Math.Max(scale, Math.Abs(v));
        foreach (var v in columnVolts) scale = Math.Max(scale, Math.Abs(v));
        var limit = Tolerance * Math.Max(scale, 1e-30);
        // Pin the driven ends (and whole ideal lines) to their sources.
        for (var i = 0; i < m; i++)
        {
            if (double.IsPositiveInfinity(_gRow)) _r.AsSpan(i * n, n).Fill(rowVolts[i]);
            else _r[i * n] = rowVolts[i];
        }
        for (var j = 0; j < n; j++)
        {
            if (double.IsPositiveInfinity(_gColumn))
            {
                for (var i = 0; i < m; i++) _c[i * n + j] = columnVolts[j];
            }
            else
            {
                _c[(m - 1) * n + j] = columnVolts[j];
            }
        }
        var sweeps = 0;
        var idealRows = double.IsPositiveInfinity(_gRow) || n == 1;
        var idealColumns = double.IsPositiveInfinity(_gColumn) || m == 1;
        if (!idealRows || !idealColumns)
        {
            while (true)
            {
                double change = 0;
                if (!idealRows) change = Math.Max(change, SweepRows(g));
                if (!idealColumns) change = Math.Max(change, SweepColumns(g));
                sweeps++;
                // With one side ideal, one exact solve of the other side is the answer.
                if (change <= limit || idealRows || idealColumns) break;
                if (sweeps >= MaxSweeps)
                {
                    throw new BmcnnException($"crossbar: line relaxation did not converge in {MaxSweeps} sweeps (last change {change:E3} V)");
                }
            }
        }
        LastSweeps = sweeps;
        for (var k = 0; k < m * n; k++) deviceVolts[k] = _r[k] - _c[k];
        return SourcePower(g, rowVolts, columnVolts);
    }

    /// <summary>Current from column <paramref name="j"/>'s line into its source after the last solve, in amperes.</summary>
    public double ColumnCurrent(ReadOnlySpan<double> g, int j)
    {
        int m = _m, n = _n;
        var end = (m - 1) * n + j;
        if (double.IsPositiveInfinity(_gColumn) || m == 1)
        {
            double sum = 0;
            for (var i = 0; i < m; i++) sum += g[i * n + j] * (_r[i * n + j] - _c[i * n + j]);
            return sum;
        }
        return g[end] * (_r[end] - _c[end]) + _gColumn * (_c[end - n] - _c[end]);
    }

    private double RowCurrent(ReadOnlySpan<double> g, int i)
    {
        var n = _n;
        var start = i * n;
        if (double.IsPositiveInfinity(_gRow) || n == 1)
        {
            double sum = 0;
            for (var j = 0; j < n; j++) sum += g[start + j] * (_r[start + j] - _c[start + j]);
            return sum;
        }
        return g[start] * (_r[start] - _c[start]) + _gRow * (_r[start] - _r[start + 1]);
    }

    private double SourcePower(ReadOnlySpan<double> g, ReadOnlySpan<double> rowVolts, ReadOnlySpan<double> columnVolts)
    {
        double power = 0;
        for (var i = 0; i < _m; i++) power += rowVolts[i] * RowCurrent(g, i);
        for (var j = 0; j < _n; j++) power -= columnVolts[j] * ColumnCurrent(g, j);
        return power;
    }

    // Row i's unknowns are r[i,1..n−1]; node j: gR·(r_j − r_{j−1}) + gR·(r_j − r_{j+1}) + G·(r_j − c) = 0.
    private double SweepRows(ReadOnlySpan<double> g)
    {
        int n = _n;
        var gw = _gRow;
        double change = 0;
        for (var i = 0; i < _m; i++)
        {
            var start = i * n;
            var count = n - 1;
            for (var k = 0; k < count; k++)
            {
                var j = k + 1;
                var index = start + j;
                _diag[k] = gw * (j < n - 1 ? 2 : 1) + g[index];
                _rhs[k] = g[index] * _c[index] + (k == 0 ? gw * _r[start] : 0);
            }
            change = Math.Max(change, Thomas(count, gw, _r.AsSpan(start + 1, count)));
        }
        return change;
    }

    // Column j's unknowns are c[0..m−2, j]; node i: gC·(c_i − c_{i+1}) + gC·(c_i − c_{i−1}) + G·(c_i − r) = 0.
    private double SweepColumns(ReadOnlySpan<double> g)
    {
        int m = _m, n = _n;
        var gw = _gColumn;
        double change = 0;
        for (var j = 0; j < n; j++)
        {
            var count = m - 1;
            for (var i = 0; i < count; i++)
            {
                var index = i * n + j;
                _diag[i] = gw * (i > 0 ? 2 : 1) + g[index];
                _rhs[i] = g[index] * _r[index] + (i == count - 1 ? gw * _c[(m - 1) * n + j] : 0);
            }
            // The column is strided: solve on a gathered copy, then scatter back.
            var x = _gather.AsSpan(0, count);
            for (var i = 0; i < count; i++) x[i] = _c[i * n + j];
            var moved = Thomas(count, gw, x);
            for (var i = 0; i < count; i++) _c[i * n + j] = x[i];
            change = Math.Max(change, moved);
        }
        return change;
    }

    // Tridiagonal solve with constant off-diagonals −gw, diagonal _diag, right side _rhs; writes x, returns max |Δx|.
    private double Thomas(int count, double gw, Span<double> x)
    {
        var d = _diag;
        var b = _rhs;
        for (var k = 1; k < count; k++)
        {
            var w = -gw / d[k - 1];
            d[k] -= w * -gw;
            b[k] -= w * b[k - 1];
        }
        double change = 0;
        var next = b[count - 1] / d[count - 1];
        change = Math.Max(change, Math.Abs(next - x[count - 1]));
        x[count - 1] = next;
        for (var k = count - 2; k >= 0; k--)
        {
            next = (b[k] + gw * x[k + 1]) / d[k];
            change = Math.Max(change, Math.Abs(next - x[k]));
            x[k] = next;
        }
        return change;
    }
}
