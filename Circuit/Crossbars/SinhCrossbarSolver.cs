using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Crossbars;

/// <summary>
/// DC solver for a crossbar tile of sinh-law devices (<see cref="SinhLaw"/>, one V0 for the tile) that exploits the
/// tile's structure instead of factoring its sparse matrix: every row wire is a chain driven at column 0 and every
/// column wire a chain terminated at the last row, so with the column voltages held the rows decouple into
/// tridiagonal systems, and with the row voltages held so do the columns. A sweep evaluates every device once
/// (current and conductance from one exponential), takes one Newton step on every row chain (Thomas algorithm), moves
/// the device currents along their tangents, then one Newton step on every column chain. The sweeps converge
/// linearly (block Gauss–Seidel between rows and columns, a contraction because every device conductance is
/// positive) until the largest node change is below <see cref="Tolerance"/>; the column currents are then evaluated
/// from the exact device laws. Solves the same circuit as <see cref="Crossbar"/> (same elements and terminations) at
/// O(rows·columns) work per sweep. Not thread-safe: one instance per thread.
/// </summary>
public sealed class SinhCrossbarSolver
{
    private readonly int _m, _n;
    private readonly double[] _k;          // sinh current scale per crosspoint (A), 0 where there is no device
    private readonly double _invV0, _gRow, _gColumn, _gDriver, _gSense;
    private readonly bool _virtualGround;
    private readonly double[] _r, _c, _f, _g; // row and column node voltages, device currents and conductances
    private readonly double[] _pivot, _step;  // the column sweep's reciprocal pivots and steps, per node
    private readonly double[] _sub, _diag, _sup, _rhs;

    /// <summary>Prepares the solver for a tile; every device law must be a <see cref="SinhLaw"/> with the same V0.</summary>
    /// <exception cref="BmcnnException">When the specification is invalid, ohmic, or mixes laws.</exception>
    public SinhCrossbarSolver(CrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        if (spec.Laws is not { } laws)
        {
            throw new BmcnnException("crossbar: the sinh solver needs device laws (this tile is ohmic)");
        }
        _m = spec.Rows;
        _n = spec.Columns;
        _k = Scales(laws, out var v0);
        _invV0 = v0 > 0 ? 1 / v0 : 1;
        _gRow = Conductance(spec.RowWireOhms);
        _gColumn = Conductance(spec.ColumnWireOhms);
        _gDriver = Conductance(spec.DriverOhms);
        _virtualGround = spec.ColumnTermination == ColumnTermination.VirtualGround;
        _gSense = _virtualGround ? double.PositiveInfinity : 1 / spec.SenseOhms;
        _r = new double[_m * _n];
        _c = new double[_m * _n];
        _f = new double[_m * _n];
        _g = new double[_m * _n];
        _pivot = new double[_m * _n];
        _step = new double[_m * _n];
        var longest = Math.Max(_m, _n);
        _sub = new double[longest];
        _diag = new double[longest];
        _sup = new double[longest];
        _rhs = new double[longest];
    }

    /// <summary>Number of rows (inputs).</summary>
    public int Rows => _m;

    /// <summary>Number of columns (outputs).</summary>
    public int Columns => _n;

    /// <summary>Convergence test: the largest node-voltage change of a sweep, relative to the largest input voltage.</summary>
    public double Tolerance { get; set; } = 1e-11;

    /// <summary>Sweeps after which a solve that has not converged fails.</summary>
    public int MaxSweeps { get; set; } = 400;

    /// <summary>Sweeps the last <see cref="Solve"/> took.</summary>
    public int LastSweeps { get; private set; }

    /// <summary>
    /// Solves the tile with the given row input voltages and writes the current of every column into its termination
    /// (amperes, as <see cref="Crossbar.ColumnCurrents(ReadOnlySpan{double})"/>). Returns the number of sweeps.
    /// </summary>
    /// <exception cref="BmcnnException">When the sweeps do not converge within <see cref="MaxSweeps"/>.</exception>
    public int Solve(ReadOnlySpan<double> rowVolts, Span<double> columnCurrents)
    {
        if (rowVolts.Length != _m || columnCurrents.Length != _n)
        {
            throw new BmcnnException($"crossbar: {rowVolts.Length} inputs and {columnCurrents.Length} outputs for a {_m}x{_n} tile");
        }
        double scale = 0;
        for (var i = 0; i < _m; i++)
        {
            _r.AsSpan(i * _n, _n).Fill(rowVolts[i]);
            scale = Math.Max(scale, Math.Abs(rowVolts[i]));
        }
        Array.Clear(_c);
        var tolerance = Tolerance * Math.Max(scale, 1e-3);
        var change = double.PositiveInfinity;
        var sweep = 0;
        while (change > tolerance)
        {
            if (++sweep > MaxSweeps || double.IsNaN(change) || (sweep > 1 && double.IsInfinity(change)))
            {
                LastSweeps = sweep;
                throw new BmcnnException(
                    $"crossbar: sinh solver did not converge in {MaxSweeps} sweeps (last node change {change:G3} V)");
            }
            Evaluate();
            change = 0;
            for (var i = 0; i < _m; i++)
            {
                change = Math.Max(change, RowStep(i, rowVolts[i]));
            }
            change = Math.Max(change, ColumnSweep());
        }
        LastSweeps = sweep;
        Evaluate();
        for (var j = 0; j < _n; j++)
        {
            if (!_virtualGround)
            {
                columnCurrents[j] = _c[(_m - 1) * _n + j] * _gSense;
                continue;
            }
            double sum = 0;
            for (var i = 0; i < _m; i++) sum += _f[i * _n + j];
            columnCurrents[j] = sum;
        }
        return sweep;
    }

    /// <summary>Device currents and conductances at the present node voltages, one exponential per device (4 at a time).</summary>
    private void Evaluate()
    {
        ref var k = ref MemoryMarshal.GetArrayDataReference(_k);
        ref var r = ref MemoryMarshal.GetArrayDataReference(_r);
        ref var c = ref MemoryMarshal.GetArrayDataReference(_c);
        ref var f = ref MemoryMarshal.GetArrayDataReference(_f);
        ref var g = ref MemoryMarshal.GetArrayDataReference(_g);
        var scale = Vector256.Create(_invV0);
        var half = Vector256.Create(0.5);
        var one = Vector256.Create(1.0);
        var e = 0;
        for (; e + 4 <= _k.Length; e += 4)
        {
            var x = Vector256.Exp((Vector256.LoadUnsafe(ref r, (nuint)e) - Vector256.LoadUnsafe(ref c, (nuint)e)) * scale);
            var y = one / x;
            var kh = half * Vector256.LoadUnsafe(ref k, (nuint)e); // no device: k = 0 gives f = g = 0
            (kh * (x - y)).StoreUnsafe(ref f, (nuint)e);
            (kh * scale * (x + y)).StoreUnsafe(ref g, (nuint)e);
        }
        for (; e < _k.Length; e++)
        {
            var x = Math.Exp((_r[e] - _c[e]) * _invV0);
            var y = 1 / x;
            _f[e] = 0.5 * _k[e] * (x - y);
            _g[e] = 0.5 * _k[e] * _invV0 * (x + y);
        }
    }

    /// <summary>One Newton step on row i's chain with the column voltages held; returns the largest change.</summary>
    private double RowStep(int i, double input)
    {
        var o = i * _n;
        if (double.IsPositiveInfinity(_gRow))
        {
            // Ideal row wire: one node, driven directly (fixed) or through the driver resistance.
            if (double.IsPositiveInfinity(_gDriver)) return 0;
            double residual = _gDriver * (_r[o] - input), slope = _gDriver;
            for (var j = 0; j < _n; j++)
            {
                residual += _f[o + j];
                slope += _g[o + j];
            }
            var delta = -residual / slope;
            for (var j = 0; j < _n; j++)
            {
                _r[o + j] += delta;
                _f[o + j] += _g[o + j] * delta;
            }
            return Math.Abs(delta);
        }
        for (var j = 0; j < _n; j++)
        {
            double left = j > 0 ? _gRow : 0, right = j + 1 < _n ? _gRow : 0;
            var v = _r[o + j];
            var residual = _f[o + j];
            if (j > 0) residual += left * (v - _r[o + j - 1]);
            if (j + 1 < _n) residual += right * (v - _r[o + j + 1]);
            _sub[j] = -left;
            _sup[j] = -right;
            _diag[j] = _g[o + j] + left + right;
            _rhs[j] = -residual;
        }
        if (double.IsPositiveInfinity(_gDriver))
        {
            _diag[0] = 1; // the row's first node is the ideal source itself
            _sup[0] = 0;
            _rhs[0] = input - _r[o];
        }
        else
        {
            _diag[0] += _gDriver;
            _rhs[0] -= _gDriver * (_r[o] - input);
        }
        Thomas(_n);
        double largest = 0;
        for (var j = 0; j < _n; j++)
        {
            var d = _rhs[j];
            _r[o + j] += d;
            _f[o + j] += _g[o + j] * d;
            largest = Math.Max(largest, Math.Abs(d));
        }
        return largest;
    }

    /// <summary>
    /// One Newton step on every column chain with the row voltages held: the Thomas algorithm run on all columns at
    /// once, row by row, so memory is read in order. Returns the largest change.
    /// </summary>
    private double ColumnSweep()
    {
        int m = _m, n = _n;
        if (double.IsPositiveInfinity(_gColumn))
        {
            double merged = 0;
            for (var j = 0; j < n; j++) merged = Math.Max(merged, MergedColumnStep(j));
            return merged;
        }
        var gc = _gColumn;
        var pivot = _pivot;
        var step = _step;
        for (var i = 0; i < m; i++)
        {
            var o = i * n;
            var fixedEnd = i == m - 1 && _virtualGround; // the end node is held at 0 V by the termination
            double up = i > 0 ? gc : 0, down = i + 1 < m ? gc : 0;
            for (var j = 0; j < n; j++)
            {
                var e = o + j;
                var v = _c[e];
                if (fixedEnd)
                {
                    pivot[e] = 1;
                    step[e] = -v;
                    continue;
                }
                var rhs = _f[e];
                var diag = _g[e] + up + down;
                if (i > 0)
                {
                    rhs -= up * (v - _c[e - n]);
                    diag -= gc * gc * pivot[e - n];
                    rhs += gc * pivot[e - n] * step[e - n];
                }
                if (i + 1 < m)
                {
                    rhs -= down * (v - _c[e + n]);
                }
                else
                {
                    diag += _gSense;
                    rhs -= _gSense * v;
                }
                pivot[e] = 1 / diag;
                step[e] = rhs;
            }
        }
        double largest = 0;
        for (var i = m - 1; i >= 0; i--)
        {
            var o = i * n;
            for (var j = 0; j < n; j++)
            {
                var e = o + j;
                var d = i == m - 1 ? step[e] * pivot[e] : (step[e] + gc * step[e + n]) * pivot[e];
                step[e] = d;
                _c[e] += d;
                largest = Math.Max(largest, Math.Abs(d));
            }
        }
        return largest;
    }

    /// <summary>Ideal column wire: one node per column, on a sense resistor (a virtual ground holds it at 0 V).</summary>
    private double MergedColumnStep(int j)
    {
        if (_virtualGround) return 0;
        double residual = _gSense * _c[j], slope = _gSense;
        for (var i = 0; i < _m; i++)
        {
            residual -= _f[i * _n + j];
            slope += _g[i * _n + j];
        }
        var delta = -residual / slope;
        for (var i = 0; i < _m; i++)
        {
            _c[i * _n + j] += delta;
        }
        return Math.Abs(delta);
    }

    /// <summary>Solves the tridiagonal system in place (result in the right-hand side); diagonally dominant, no pivoting.</summary>
    private void Thomas(int size)
    {
        // _diag keeps the reciprocal pivots, so each row costs one division
        _diag[0] = 1 / _diag[0];
        for (var i = 1; i < size; i++)
        {
            var w = _sub[i] * _diag[i - 1];
            _diag[i] = 1 / (_diag[i] - w * _sup[i - 1]);
            _rhs[i] -= w * _rhs[i - 1];
        }
        _rhs[size - 1] *= _diag[size - 1];
        for (var i = size - 2; i >= 0; i--)
        {
            _rhs[i] = (_rhs[i] - _sup[i] * _rhs[i + 1]) * _diag[i];
        }
    }

    /// <summary>Every crosspoint's sinh current scale (0 where there is no device) and the tile's one V0.</summary>
    internal static double[] Scales(ICurrentLaw?[,] laws, out double v0)
    {
        int m = laws.GetLength(0), n = laws.GetLength(1);
        var k = new double[m * n];
        v0 = 0;
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                if (laws[i, j] is null) continue;
                if (laws[i, j] is not SinhLaw law || (v0 != 0 && law.V0 != v0))
                {
                    throw new BmcnnException($"crossbar: the sinh solver needs sinh laws with one V0 (device [{i},{j}])");
                }
                v0 = law.V0;
                k[i * n + j] = law.K;
            }
        }
        return k;
    }

    internal static double Conductance(double ohms) => ohms == 0 ? double.PositiveInfinity : 1 / ohms;
}
