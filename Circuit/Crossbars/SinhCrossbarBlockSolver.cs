using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Bmcnn.Circuit.Crossbars;

/// <summary>
/// <see cref="SinhCrossbarSolver"/> for <see cref="Lanes"/> input vectors of one tile at once, one per SIMD lane: the
/// same sweeps (one Newton step on every row chain, then on every column chain) on node voltages stored lane by lane,
/// so every exponential, division and tridiagonal step works on all vectors together and the row chains' recurrences,
/// which are latency-bound for one vector, carry four. Each row's devices are evaluated just before its row step, while
/// they are in cache, and the column chains are eliminated row by row right after them. After every sweep the column
/// voltages are extrapolated from the last two sweeps (<see cref="Accelerate"/>), which cuts the sweeps by about a
/// third. The sweeps stop when every lane has converged (a lane that converged earlier only gets more accurate).
/// Needs resistive row and column wires (0 Ω wires: use <see cref="SinhCrossbarSolver"/>). Not thread-safe.
/// </summary>
public sealed class SinhCrossbarBlockSolver
{
    /// <summary>Input vectors solved together.</summary>
    public const int Lanes = 4;

    private readonly int _m, _n;
    private readonly double[] _k;             // sinh current scale per crosspoint (A), 0 where there is no device
    private readonly double _invV0, _gRow, _gColumn, _gDriver, _gSense;
    private readonly bool _virtualGround;
    private readonly double[] _r, _c, _f, _g; // per node and lane: row and column voltages, device currents and conductances
    private readonly double[] _pivot, _step;  // per node and lane: the column sweep's reciprocal pivots and steps
    private readonly double[] _rowPivot;      // per node and lane: the row sweep's reciprocal pivots
    private readonly double[] _rowStep;       // per column and lane: one row chain's steps
    private readonly double[] _swept, _moved; // per node and lane: the last sweep's column voltages and column changes

    /// <summary>Prepares the solver for a tile of sinh devices (one V0) with resistive row and column wires.</summary>
    /// <exception cref="BmcnnException">When the specification is invalid, ohmic, mixes laws or has ideal wires.</exception>
    public SinhCrossbarBlockSolver(CrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        if (spec.Laws is not { } laws)
        {
            throw new BmcnnException("crossbar: the sinh solver needs device laws (this tile is ohmic)");
        }
        if (!Supports(spec))
        {
            throw new BmcnnException("crossbar: the blocked sinh solver needs resistive row and column wires");
        }
        _m = spec.Rows;
        _n = spec.Columns;
        _k = SinhCrossbarSolver.Scales(laws, out var v0);
        _invV0 = v0 > 0 ? 1 / v0 : 1;
        _gRow = 1 / spec.RowWireOhms;
        _gColumn = 1 / spec.ColumnWireOhms;
        _gDriver = SinhCrossbarSolver.Conductance(spec.DriverOhms);
        _virtualGround = spec.ColumnTermination == ColumnTermination.VirtualGround;
        _gSense = _virtualGround ? double.PositiveInfinity : 1 / spec.SenseOhms;
        var nodes = _m * _n * Lanes;
        _r = new double[nodes];
        _c = new double[nodes];
        _f = new double[nodes];
        _g = new double[nodes];
        _pivot = new double[nodes];
        _step = new double[nodes];
        _rowPivot = new double[nodes];
        _rowStep = new double[_n * Lanes];
        _swept = new double[nodes];
        _moved = new double[nodes];
    }

    /// <summary>Whether a tile can use this solver: resistive (non-zero) row and column wires.</summary>
    public static bool Supports(CrossbarSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.RowWireOhms > 0 && spec.ColumnWireOhms > 0;
    }

    /// <summary>Number of rows (inputs).</summary>
    public int Rows => _m;

    /// <summary>Number of columns (outputs).</summary>
    public int Columns => _n;

    /// <summary>
    /// Convergence test per lane: the largest node-voltage change of a sweep, relative to the lane's largest input.
    /// 1e-10 would save ~8% of the sweeps at 1.06 Ω, but at 2.5 Ω it leaves near-zero columns ~6× further from a
    /// 1e-13 solve than 1e-11 does.
    /// </summary>
    public double Tolerance { get; set; } = 1e-11;

    /// <summary>
    /// Once every lane's node change is below this (relative to its largest input), the sweeps keep the device
    /// conductances and pivots of the last full Newton sweep (a chord step: no divisions in the chains); only the
    /// residuals, from the exact device laws, change. 0 never freezes. The converged answer is the same.
    /// </summary>
    public double FreezeBelow { get; set; } = 1e-4;

    /// <summary>
    /// Whether the column voltages are extrapolated after every sweep from the last two (Anderson acceleration with
    /// one step of history, per lane). The converged answer is the same circuit; it takes fewer sweeps.
    /// </summary>
    public bool Accelerate { get; set; } = true;

    /// <summary>Sweeps after which a solve that has not converged fails.</summary>
    public int MaxSweeps { get; set; } = 400;

    /// <summary>The lane that did not converge in the last failed <see cref="Solve"/>, or -1.</summary>
    public int FailedLane { get; private set; } = -1;

    /// <summary>
    /// Solves the tile for <see cref="Lanes"/> input vectors: <paramref name="rowVolts"/> holds rows × lanes (row i of
    /// lane l at i·Lanes + l), <paramref name="columnCurrents"/> receives columns × lanes, each the current into the
    /// column's termination as <see cref="SinhCrossbarSolver.Solve"/> gives it. Returns the number of sweeps.
    /// </summary>
    /// <exception cref="BmcnnException">When a lane does not converge within <see cref="MaxSweeps"/> (see <see cref="FailedLane"/>).</exception>
    public int Solve(ReadOnlySpan<double> rowVolts, Span<double> columnCurrents)
    {
        if (rowVolts.Length != _m * Lanes || columnCurrents.Length != _n * Lanes)
        {
            throw new BmcnnException(
                $"crossbar: {rowVolts.Length} inputs and {columnCurrents.Length} outputs for a {_m}x{_n} tile of {Lanes} lanes");
        }
        FailedLane = -1;
        var scale = Vector256<double>.Zero;
        ref var r = ref MemoryMarshal.GetArrayDataReference(_r);
        for (var i = 0; i < _m; i++)
        {
            var input = Vector256.Create(rowVolts.Slice(i * Lanes, Lanes));
            scale = Vector256.Max(scale, Vector256.Abs(input));
            for (var j = 0; j < _n; j++) input.StoreUnsafe(ref r, (nuint)((i * _n + j) * Lanes));
        }
        Array.Clear(_c);
        var tolerance = Vector256.Create(Tolerance) * Vector256.Max(scale, Vector256.Create(1e-3));
        var change = Vector256.Create(double.PositiveInfinity);
        var freeze = Vector256.Create(FreezeBelow) * Vector256.Max(scale, Vector256.Create(1e-3));
        var frozen = false;
        var series = 2 * Math.Max(Math.Max(scale[0], scale[1]), Math.Max(scale[2], scale[3])) * _invV0 <= SeriesReach;
        var sweep = 0;
        while (!Vector256.LessThanOrEqualAll(change, tolerance))
        {
            if (++sweep > MaxSweeps || (sweep > 1 && !Vector256.LessThanAll(change, Vector256.Create(double.PositiveInfinity))))
            {
                FailedLane = 0;
                while (change[FailedLane] <= tolerance[FailedLane]) FailedLane++;
                throw new BmcnnException(
                    $"crossbar: sinh solver did not converge in {MaxSweeps} sweeps (last node change {change[FailedLane]:G3} V)");
            }
            frozen = frozen || (sweep > 2 && Vector256.LessThanOrEqualAll(change, freeze));
            change = Vector256<double>.Zero;
            for (var i = 0; i < _m; i++)
            {
                var input = Vector256.Create(rowVolts.Slice(i * Lanes, Lanes));
                var moved = (frozen, series) switch
                {
                    (true, true) => FrozenRowStep<Series>(i, input),
                    (true, false) => FrozenRowStep<Exponential>(i, input),
                    (false, true) => RowStep<Series>(i, input),
                    _ => RowStep<Exponential>(i, input),
                };
                change = Vector256.Max(change, moved);
                ColumnEliminate(i, frozen); // row i's devices are in cache; the column chains' rows above are eliminated
            }
            change = Vector256.Max(change, ColumnBackSubstitute());
            if (Accelerate && !Vector256.LessThanOrEqualAll(change, tolerance)) Extrapolate(sweep > 1);
        }
        if (series) Evaluate<Series>();
        else Evaluate<Exponential>();
        ColumnCurrents(columnCurrents);
        return sweep;
    }

    private void ColumnCurrents(Span<double> columnCurrents)
    {
        ref var f = ref MemoryMarshal.GetArrayDataReference(_f);
        ref var c = ref MemoryMarshal.GetArrayDataReference(_c);
        for (var j = 0; j < _n; j++)
        {
            Vector256<double> current;
            if (!_virtualGround)
            {
                current = Vector256.LoadUnsafe(ref c, (nuint)(((_m - 1) * _n + j) * Lanes)) * _gSense;
            }
            else
            {
                current = Vector256<double>.Zero;
                for (var i = 0; i < _m; i++) current += Vector256.LoadUnsafe(ref f, (nuint)((i * _n + j) * Lanes));
            }
            current.CopyTo(columnCurrents.Slice(j * Lanes, Lanes));
        }
    }

    /// <summary>
    /// Device currents at the present node voltages (exact laws), which a virtual-ground column sums; a sense-resistor
    /// column's current comes from its end node alone.
    /// </summary>
    private void Evaluate<T>() where T : struct, IHyperbolic
    {
        if (!_virtualGround) return;
        ref var r = ref MemoryMarshal.GetArrayDataReference(_r);
        ref var c = ref MemoryMarshal.GetArrayDataReference(_c);
        ref var f = ref MemoryMarshal.GetArrayDataReference(_f);
        var s = Vector256.Create(_invV0);
        for (var e = 0; e < _m * _n; e++)
        {
            var x = (nuint)(e * Lanes);
            var sinh = T.Sinh((Vector256.LoadUnsafe(ref r, x) - Vector256.LoadUnsafe(ref c, x)) * s);
            (Vector256.Create(_k[e]) * sinh).StoreUnsafe(ref f, x); // no device: k = 0 gives f = 0
        }
    }

    /// <summary>
    /// Evaluates row i's devices, then one Newton step on its chain with the column voltages held (Thomas algorithm,
    /// all lanes at once); moves the device currents along their tangents. Returns the largest change per lane.
    /// </summary>
    private Vector256<double> RowStep<T>(int i, Vector256<double> input) where T : struct, IHyperbolic
    {
        int n = _n, o = i * n;
        ref var r = ref MemoryMarshal.GetArrayDataReference(_r);
        ref var c = ref MemoryMarshal.GetArrayDataReference(_c);
        ref var f = ref MemoryMarshal.GetArrayDataReference(_f);
        ref var g = ref MemoryMarshal.GetArrayDataReference(_g);
        ref var k = ref MemoryMarshal.GetArrayDataReference(_k);
        ref var pivot = ref MemoryMarshal.GetArrayDataReference(_rowPivot);
        ref var step = ref MemoryMarshal.GetArrayDataReference(_rowStep);
        var s = Vector256.Create(_invV0);
        var gr = Vector256.Create(_gRow);
        var idealDriver = double.IsPositiveInfinity(_gDriver);
        var gd = Vector256.Create(idealDriver ? 0 : _gDriver);
        var previousPivot = Vector256<double>.Zero;
        var previousStep = Vector256<double>.Zero;
        for (var j = 0; j < n; j++)
        {
            var x = (nuint)((o + j) * Lanes);
            var v = Vector256.LoadUnsafe(ref r, x);
            var sinh = T.SinhCosh((v - Vector256.LoadUnsafe(ref c, x)) * s, out var cosh);
            var kj = Vector256.Create(Unsafe.Add(ref k, o + j));
            var current = kj * sinh;
            var slope = kj * s * cosh;
            current.StoreUnsafe(ref f, x);
            slope.StoreUnsafe(ref g, x);
            var residual = current;
            var diag = slope;
            if (j > 0)
            {
                residual += gr * (v - Vector256.LoadUnsafe(ref r, x - Lanes));
                diag += gr;
            }
            if (j + 1 < n)
            {
                residual += gr * (v - Vector256.LoadUnsafe(ref r, x + Lanes));
                diag += gr;
            }
            var rhs = -residual;
            if (j == 0)
            {
                if (idealDriver)
                {
                    diag = Vector256<double>.One; // the row's first node is the ideal source itself
                    rhs = input - v;
                }
                else
                {
                    diag += gd;
                    rhs -= gd * (v - input);
                }
            }
            else
            {
                // eliminate the sub-diagonal -g_row; the row above's super-diagonal is -g_row too (0 after an ideal source)
                var w = gr * previousPivot;
                if (j > 1 || !idealDriver) diag -= gr * w;
                rhs += w * previousStep;
            }
            previousPivot = Vector256<double>.One / diag;
            previousStep = rhs;
            previousPivot.StoreUnsafe(ref pivot, x);
            rhs.StoreUnsafe(ref step, (nuint)(j * Lanes));
        }
        var largest = Vector256<double>.Zero;
        var next = Vector256<double>.Zero;
        for (var j = n - 1; j >= 0; j--)
        {
            var b = Vector256.LoadUnsafe(ref step, (nuint)(j * Lanes));
            if (j + 1 < n && (j > 0 || !idealDriver)) b += gr * next;
            var x = (nuint)((o + j) * Lanes);
            var d = b * Vector256.LoadUnsafe(ref pivot, x);
            next = d;
            (Vector256.LoadUnsafe(ref r, x) + d).StoreUnsafe(ref r, x);
            (Vector256.LoadUnsafe(ref f, x) + Vector256.LoadUnsafe(ref g, x) * d).StoreUnsafe(ref f, x);
            largest = Vector256.Max(largest, Vector256.Abs(d));
        }
        return largest;
    }

    /// <summary>
    /// <see cref="RowStep"/> with the conductances and pivots of the last full sweep: the device currents from the
    /// exact law (one exponential and one division per device), the chain solved with the kept pivots.
    /// </summary>
    private Vector256<double> FrozenRowStep<T>(int i, Vector256<double> input) where T : struct, IHyperbolic
    {
        int n = _n, o = i * n;
        ref var r = ref MemoryMarshal.GetArrayDataReference(_r);
        ref var c = ref MemoryMarshal.GetArrayDataReference(_c);
        ref var f = ref MemoryMarshal.GetArrayDataReference(_f);
        ref var g = ref MemoryMarshal.GetArrayDataReference(_g);
        ref var k = ref MemoryMarshal.GetArrayDataReference(_k);
        ref var pivot = ref MemoryMarshal.GetArrayDataReference(_rowPivot);
        ref var step = ref MemoryMarshal.GetArrayDataReference(_rowStep);
        var s = Vector256.Create(_invV0);
        var gr = Vector256.Create(_gRow);
        var idealDriver = double.IsPositiveInfinity(_gDriver);
        var gd = Vector256.Create(idealDriver ? 0 : _gDriver);
        var previousPivot = Vector256<double>.Zero;
        var previousStep = Vector256<double>.Zero;
        for (var j = 0; j < n; j++)
        {
            var x = (nuint)((o + j) * Lanes);
            var v = Vector256.LoadUnsafe(ref r, x);
            var current = Vector256.Create(Unsafe.Add(ref k, o + j)) * T.Sinh((v - Vector256.LoadUnsafe(ref c, x)) * s);
            current.StoreUnsafe(ref f, x);
            var residual = current;
            if (j > 0) residual += gr * (v - Vector256.LoadUnsafe(ref r, x - Lanes));
            if (j + 1 < n) residual += gr * (v - Vector256.LoadUnsafe(ref r, x + Lanes));
            var rhs = -residual;
            if (j == 0)
            {
                rhs = idealDriver ? input - v : rhs - gd * (v - input);
            }
            else
            {
                rhs += gr * previousPivot * previousStep;
            }
            previousPivot = Vector256.LoadUnsafe(ref pivot, x);
            previousStep = rhs;
            rhs.StoreUnsafe(ref step, (nuint)(j * Lanes));
        }
        var largest = Vector256<double>.Zero;
        var next = Vector256<double>.Zero;
        for (var j = n - 1; j >= 0; j--)
        {
            var b = Vector256.LoadUnsafe(ref step, (nuint)(j * Lanes));
            if (j + 1 < n && (j > 0 || !idealDriver)) b += gr * next;
            var x = (nuint)((o + j) * Lanes);
            var d = b * Vector256.LoadUnsafe(ref pivot, x);
            next = d;
            (Vector256.LoadUnsafe(ref r, x) + d).StoreUnsafe(ref r, x);
            (Vector256.LoadUnsafe(ref f, x) + Vector256.LoadUnsafe(ref g, x) * d).StoreUnsafe(ref f, x);
            largest = Vector256.Max(largest, Vector256.Abs(d));
        }
        return largest;
    }

    /// <summary>
    /// Anderson acceleration of the sweeps on the column voltages, one step of history: with G the sweep's column
    /// voltages and F = G − (voltages before) its change, per lane γ = ⟨ΔF, F⟩ / ⟨ΔF, ΔF⟩ and the next sweep starts
    /// from G − γ ΔG, the secant step that removes the slowest mode of the linear convergence. The first sweep only
    /// records G and F.
    /// </summary>
    private void Extrapolate(bool apply)
    {
        var count = (nuint)(_m * _n * Lanes);
        ref var c = ref MemoryMarshal.GetArrayDataReference(_c);
        ref var step = ref MemoryMarshal.GetArrayDataReference(_step); // the last column changes F
        ref var swept = ref MemoryMarshal.GetArrayDataReference(_swept);
        ref var moved = ref MemoryMarshal.GetArrayDataReference(_moved);
        var gamma = Vector256<double>.Zero;
        if (apply)
        {
            var num = Vector256<double>.Zero;
            var den = Vector256<double>.Zero;
            for (nuint x = 0; x < count; x += Lanes)
            {
                var f = Vector256.LoadUnsafe(ref step, x);
                var df = f - Vector256.LoadUnsafe(ref moved, x);
                num = Vector256.FusedMultiplyAdd(df, f, num);
                den = Vector256.FusedMultiplyAdd(df, df, den);
            }
            gamma = num / den;
            gamma = Vector256.ConditionalSelect(Vector256.GreaterThan(den, Vector256<double>.Zero) & Vector256.IsFinite(gamma),
                gamma, Vector256<double>.Zero);
        }
        for (nuint x = 0; x < count; x += Lanes)
        {
            var g = Vector256.LoadUnsafe(ref c, x);
            var previous = Vector256.LoadUnsafe(ref swept, x);
            g.StoreUnsafe(ref swept, x);
            Vector256.LoadUnsafe(ref step, x).StoreUnsafe(ref moved, x);
            if (apply) Vector256.FusedMultiplyAdd(-gamma, g - previous, g).StoreUnsafe(ref c, x);
        }
    }

    /// <summary>
    /// Forward elimination of the column chains' Newton step at row i, with the row voltages held (Thomas algorithm on
    /// all columns and lanes at once): needs row i's device currents and conductances and the rows above eliminated.
    /// </summary>
    private void ColumnEliminate(int i, bool frozen)
    {
        int m = _m, n = _n, below = n * Lanes;
        ref var c = ref MemoryMarshal.GetArrayDataReference(_c);
        ref var f = ref MemoryMarshal.GetArrayDataReference(_f);
        ref var g = ref MemoryMarshal.GetArrayDataReference(_g);
        ref var pivot = ref MemoryMarshal.GetArrayDataReference(_pivot);
        ref var step = ref MemoryMarshal.GetArrayDataReference(_step);
        var gc = Vector256.Create(_gColumn);
        var gc2 = gc * gc;
        var gs = Vector256.Create(_virtualGround ? 0 : _gSense);
        var fixedEnd = i == m - 1 && _virtualGround; // the end node is held at 0 V by the termination
        var couplings = Vector256.Create((i > 0 ? _gColumn : 0) + (i + 1 < m ? _gColumn : 0));
        for (var j = 0; j < n; j++)
        {
            var x = (nuint)((i * n + j) * Lanes);
            var v = Vector256.LoadUnsafe(ref c, x);
            if (fixedEnd)
            {
                Vector256<double>.One.StoreUnsafe(ref pivot, x);
                (-v).StoreUnsafe(ref step, x);
                continue;
            }
            var rhs = Vector256.LoadUnsafe(ref f, x);
            var diag = Vector256.LoadUnsafe(ref g, x) + couplings;
            if (i > 0)
            {
                var above = x - (nuint)below;
                var p = Vector256.LoadUnsafe(ref pivot, above);
                rhs -= gc * (v - Vector256.LoadUnsafe(ref c, above));
                diag -= gc2 * p;
                rhs += gc * p * Vector256.LoadUnsafe(ref step, above);
            }
            if (i + 1 < m)
            {
                rhs -= gc * (v - Vector256.LoadUnsafe(ref c, x + (nuint)below));
            }
            else
            {
                diag += gs;
                rhs -= gs * v;
            }
            if (!frozen) (Vector256<double>.One / diag).StoreUnsafe(ref pivot, x);
            rhs.StoreUnsafe(ref step, x);
        }
    }

    /// <summary>
    /// Back substitution of the column chains' Newton step (after <see cref="ColumnEliminate"/> on every row), bottom
    /// row first, moving the column voltages. Returns the largest change per lane.
    /// </summary>
    private Vector256<double> ColumnBackSubstitute()
    {
        int m = _m, n = _n, below = n * Lanes;
        ref var c = ref MemoryMarshal.GetArrayDataReference(_c);
        ref var pivot = ref MemoryMarshal.GetArrayDataReference(_pivot);
        ref var step = ref MemoryMarshal.GetArrayDataReference(_step);
        var gc = Vector256.Create(_gColumn);
        var largest = Vector256<double>.Zero;
        for (var i = m - 1; i >= 0; i--)
        {
            for (var j = 0; j < n; j++)
            {
                var x = (nuint)((i * n + j) * Lanes);
                var b = Vector256.LoadUnsafe(ref step, x);
                if (i < m - 1) b += gc * Vector256.LoadUnsafe(ref step, x + (nuint)below);
                var d = b * Vector256.LoadUnsafe(ref pivot, x);
                d.StoreUnsafe(ref step, x);
                (Vector256.LoadUnsafe(ref c, x) + d).StoreUnsafe(ref c, x);
                largest = Vector256.Max(largest, Vector256.Abs(d));
            }
        }
        return largest;
    }

    /// <summary>
    /// Device voltages (over V0) up to which <see cref="Series"/> is used: |V| ≤ 2·max|input| holds for every device at
    /// the solution (node voltages stay between the inputs and 0 V).
    /// </summary>
    internal const double SeriesReach = 2;

    /// <summary>sinh and cosh of a device voltage over V0, for all lanes.</summary>
    internal interface IHyperbolic
    {
        static abstract Vector256<double> Sinh(Vector256<double> u);

        static abstract Vector256<double> SinhCosh(Vector256<double> u, out Vector256<double> cosh);
    }

    /// <summary>From the exponential: general, but a call and a division per device.</summary>
    internal readonly struct Exponential : IHyperbolic
    {
        public static Vector256<double> Sinh(Vector256<double> u)
        {
            var z = Vector256.Exp(u);
            return Vector256.Create(0.5) * (z - Vector256<double>.One / z);
        }

        public static Vector256<double> SinhCosh(Vector256<double> u, out Vector256<double> cosh)
        {
            var z = Vector256.Exp(u);
            var y = Vector256<double>.One / z;
            var half = Vector256.Create(0.5);
            cosh = half * (z + y);
            return half * (z - y);
        }
    }

    /// <summary>
    /// Taylor series in u², inlined multiply-adds only. For |u| ≤ <see cref="SeriesReach"/> the first omitted terms
    /// (u²⁵/25! and u²⁶/26!) are below 4e-18 of the value, so the result is the function to rounding.
    /// </summary>
    internal readonly struct Series : IHyperbolic
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Sinh(Vector256<double> u)
        {
            var w = u * u;
            var p = Vector256.Create(1.0 / 25852016738884976640000.0); // 1/23!
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1.0 / 51090942171709440000.0));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1.0 / 121645100408832000.0));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1.0 / 355687428096000.0));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1.0 / 1307674368000.0));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1.0 / 6227020800.0));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1.0 / 39916800.0));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1.0 / 362880.0));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1.0 / 5040.0));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1.0 / 120.0));
            p = Vector256.FusedMultiplyAdd(p, w, Vector256.Create(1.0 / 6.0));
            return Vector256.FusedMultiplyAdd(p * w, u, u);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> SinhCosh(Vector256<double> u, out Vector256<double> cosh)
        {
            var w = u * u;
            var q = Vector256.Create(1.0 / 620448401733239439360000.0); // 1/24!
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(1.0 / 1124000727777607680000.0));
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(1.0 / 2432902008176640000.0));
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(1.0 / 6402373705728000.0));
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(1.0 / 20922789888000.0));
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(1.0 / 87178291200.0));
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(1.0 / 479001600.0));
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(1.0 / 3628800.0));
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(1.0 / 40320.0));
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(1.0 / 720.0));
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(1.0 / 24.0));
            q = Vector256.FusedMultiplyAdd(q, w, Vector256.Create(0.5));
            cosh = Vector256.FusedMultiplyAdd(q, w, Vector256<double>.One);
            return Sinh(u);
        }
    }
}
