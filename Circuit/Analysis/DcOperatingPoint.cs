using System.Globalization;
using Bmcnn.Circuit.Algebra;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// The DC operating point by Newton–Raphson on the MNA equations, with SPICE's convergence test and, when plain
/// Newton fails, gmin stepping and then source stepping. Linear circuits take one factorization. Structural faults
/// (voltage-source loops, floating nodes, current-source cut-sets) are reported by name before any factorization.
/// </summary>
public sealed class DcOperatingPoint
{
    private readonly DcOptions _options;
    private readonly MnaSystem _system;
    private readonly double[] _rhs;
    private readonly double[] _next;
    private readonly double[] _residual;
    private readonly double[] _scale;
    private int _iterations;
    private SingularMatrixException? _singular;
    private string? _nonFinite;

    /// <summary>Compiles the circuit and checks its topology.</summary>
    /// <exception cref="BmcnnException">A voltage-source loop, floating node, cut-set or bad option, by name.</exception>
    public DcOperatingPoint(Netlist netlist, DcOptions? options = null)
        : this(new MnaSystem(netlist ?? throw new ArgumentNullException(nameof(netlist))), options)
    {
    }

    /// <summary>Solves an already compiled system (the crossbar reuses one across inputs).</summary>
    internal DcOperatingPoint(MnaSystem system, DcOptions? options = null)
    {
        _options = options ?? new DcOptions();
        _options.Validate();
        _system = system;
        _rhs = new double[_system.Size];
        // Newton's vectors: a linear circuit takes one factorization and never touches them (a cold process would pay
        // page faults for zeroing them).
        var newton = _system.IsLinear ? 0 : _system.Size;
        _next = new double[newton];
        _residual = new double[newton];
        _scale = new double[newton];
    }

    /// <summary>Solves for the operating point (element values are re-read, so sources may change between calls).</summary>
    /// <exception cref="BmcnnException">When Newton fails to converge; the message names the worst nodes.</exception>
    /// <exception cref="SingularMatrixException">When the matrix is singular; the message names the unknown.</exception>
    public OperatingPoint Solve()
    {
        var x = new double[_system.Size];
        var method = Solve(x);
        return Result(x, method);
    }

    /// <summary>
    /// The sparse factorization of the last solve (its ordering, symbolic time and size), or null before the first:
    /// what <c>bmcnn solve</c>'s profile reports.
    /// </summary>
    public SparseLu? Factorization => _system.Factorization;

    /// <summary>The compiled MNA system.</summary>
    internal MnaSystem System => _system;

    /// <summary>
    /// Solves into the raw MNA solution vector <paramref name="x"/>, from zero or, with <paramref name="warmStart"/>, from
    /// the values in it (a sweep's previous point); returns how the solution was reached.
    /// </summary>
    internal string Solve(double[] x, bool warmStart = false)
    {
        _system.Refresh();
        _iterations = 0;
        _singular = null;
        _nonFinite = null;
        if (!warmStart)
        {
            Array.Clear(x);
        }
        if (_system.IsLinear)
        {
            _system.Load(x, 1, 0, _rhs);
            var lu = _system.Factor(_options.Threads);
            _iterations = 1;
            Array.Copy(_rhs, x, x.Length);
            lu.Solve(x);
            return "linear";
        }
        if (Newton(x, 1, 0))
        {
            return "newton";
        }
        var failed = (double[])x.Clone();
        var plainSingular = _singular;
        var plainNonFinite = _nonFinite;
        if (_options.GminStepping)
        {
            Array.Clear(x);
            if (GminStepping(x))
            {
                return "gmin stepping";
            }
        }
        if (_options.SourceStepping)
        {
            Array.Clear(x);
            if (SourceStepping(x))
            {
                return "source stepping";
            }
        }
        if (plainNonFinite is not null)
        {
            throw new BmcnnException($"DC operating point did not converge: {plainNonFinite}");
        }
        if (plainSingular is not null)
        {
            throw new SingularMatrixException(plainSingular.Column,
                $"DC operating point did not converge: the Jacobian became singular ({plainSingular.Message})");
        }
        throw new BmcnnException(FailureMessage(failed));
    }

    /// <summary>Factorizations of the last solve or <see cref="Iterate"/>.</summary>
    internal int Iterations => _iterations;

    /// <summary>
    /// Plain Newton from <paramref name="x"/> on the system as loaded by the caller's mode and time (a transient step):
    /// no refresh, no continuation. False when it does not converge within the iteration limit.
    /// </summary>
    internal bool Iterate(double[] x)
    {
        _iterations = 0;
        _singular = null;
        _nonFinite = null;
        return Newton(x, 1, 0);
    }

    /// <summary>
    /// Why the last <see cref="Iterate"/> failed at <paramref name="x"/>: the worst rows, a non-finite element or a singular
    /// matrix.
    /// </summary>
    internal string DescribeFailure(double[] x) =>
        _nonFinite ?? (_singular is not null ? $"the Jacobian became singular ({_singular.Message})" : WorstResiduals(x) is { Length: > 0 } worst
            ? "worst residuals: " + worst : "the solution became non-finite");

    /// <summary>
    /// Newton iterations from <paramref name="x"/> (updated in place) until SPICE's test passes on both the solution
    /// change and the KCL residual, followed by <see cref="DcOptions.PolishIterations"/> extra steps.
    /// </summary>
    private bool Newton(double[] x, double sourceFactor, double gmin)
    {
        var deltaConverged = false;
        for (var iteration = 0; iteration < _options.MaxIterations; iteration++)
        {
            if (_system.Load(x, sourceFactor, gmin, _rhs) is { } bad)
            {
                var text = bad is BehavioralSource b ? $" ({b.Expression})" : "";
                _nonFinite ??= $"element '{bad.Name}'{text} is not finite at {_system.DescribeInputs(bad, x)}";
                return false;
            }
            if (deltaConverged && !_system.State.Limited && ResidualConverged(x))
            {
                Polish(x, sourceFactor, gmin);
                return true;
            }
            if (!Step(x))
            {
                return false;
            }
            deltaConverged = DeltaConverged(x, _next);
            Array.Copy(_next, x, x.Length);
        }
        return false;
    }

    /// <summary>One factorization and solve of the loaded system into <see cref="_next"/>; false when not finite.</summary>
    private bool Step(double[] x)
    {
        SparseLu lu;
        try
        {
            lu = _system.Factor(_options.Threads);
        }
        catch (SingularMatrixException e)
        {
            // A nonlinear device can make the Jacobian singular at one iterate (a saturated tanh, a step);
            // continuation may still get past it, so it is a failed attempt, reported only if nothing works.
            _singular ??= e;
            return false;
        }
        _iterations++;
        Array.Copy(_rhs, _next, _next.Length);
        lu.Solve(_next);
        return !HasNonFinite(_next);
    }

    private void Polish(double[] x, double sourceFactor, double gmin)
    {
        for (var k = 0; k < _options.PolishIterations; k++)
        {
            if (!Step(x))
            {
                return;
            }
            var largest = 0.0;
            for (var i = 0; i < x.Length; i++)
            {
                var change = Math.Abs(_next[i] - x[i]) / (Math.Max(Math.Abs(x[i]), Math.Abs(_next[i])) + Tolerance(i) / _options.RelTol);
                largest = Math.Max(largest, change);
            }
            Array.Copy(_next, x, x.Length);
            if (largest < 1e-14 || k == _options.PolishIterations - 1)
            {
                return;
            }
            _system.Load(x, sourceFactor, gmin, _rhs);
        }
    }

    /// <summary>ngspice's dynamic gmin stepping: start at 10 mS node-to-ground, shrink, back off on failure.</summary>
    private bool GminStepping(double[] x)
    {
        var good = (double[])x.Clone();
        var gmin = 1e-2;
        var factor = 10.0;
        var goodGmin = double.NaN;
        var target = Math.Max(_options.Gmin, 1e-15);
        while (true)
        {
            Array.Copy(good, x, x.Length);
            if (Newton(x, 1, gmin))
            {
                Array.Copy(x, good, x.Length);
                goodGmin = gmin;
                if (gmin <= target)
                {
                    break;
                }
                factor = Math.Min(factor * Math.Sqrt(factor), 10);
                gmin = Math.Max(gmin / factor, target);
            }
            else
            {
                if (double.IsNaN(goodGmin))
                {
                    return false;
                }
                factor = Math.Sqrt(Math.Sqrt(factor));
                if (factor < 1.00005)
                {
                    return false;
                }
                gmin = goodGmin / factor;
            }
        }
        Array.Copy(good, x, x.Length);
        return Newton(x, 1, 0);
    }

    /// <summary>Source stepping: ramp every independent source from 0 to full value, halving the step on failure.</summary>
    private bool SourceStepping(double[] x)
    {
        if (!Newton(x, 0, 0))
        {
            return false;
        }
        var good = (double[])x.Clone();
        var level = 0.0;
        var step = 0.1;
        while (level < 1)
        {
            var next = Math.Min(1, level + step);
            Array.Copy(good, x, x.Length);
            if (Newton(x, next, 0))
            {
                Array.Copy(x, good, x.Length);
                level = next;
                step = Math.Min(step * 1.5, 0.5);
            }
            else
            {
                step /= 2;
                if (step < 1e-6)
                {
                    return false;
                }
            }
        }
        Array.Copy(good, x, x.Length);
        return true;
    }

    /// <summary>Absolute tolerance of an unknown: vntol for node voltages, abstol for branch currents.</summary>
    private double Tolerance(int unknown) => _system.IsVoltage(unknown) ? _options.VnTol : _options.AbsTol;

    private bool DeltaConverged(double[] old, double[] next)
    {
        for (var i = 0; i < old.Length; i++)
        {
            var tolerance = _options.RelTol * Math.Max(Math.Abs(old[i]), Math.Abs(next[i])) + Tolerance(i);
            if (!(Math.Abs(next[i] - old[i]) <= tolerance))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// KCL residual of the loaded system at x (the companion model reproduces the device currents at its own
    /// linearization point): node rows within reltol·(largest current term) + abstol, branch rows with + vntol.
    /// </summary>
    private bool ResidualConverged(double[] x)
    {
        ComputeResidual(x);
        for (var i = 0; i < x.Length; i++)
        {
            if (!(Math.Abs(_residual[i]) <= ResidualTolerance(i)))
            {
                return false;
            }
        }
        return true;
    }

    private double ResidualTolerance(int row) =>
        _options.RelTol * _scale[row] + (_system.IsVoltage(row) ? _options.AbsTol : _options.VnTol);

    private void ComputeResidual(double[] x)
    {
        var matrix = _system.Matrix;
        var colPtr = matrix.ColumnPointers;
        var rows = matrix.RowIndices;
        var values = matrix.Values;
        Array.Clear(_residual);
        Array.Clear(_scale);
        for (var j = 0; j < x.Length; j++)
        {
            var xj = x[j];
            for (var p = colPtr[j]; p < colPtr[j + 1]; p++)
            {
                var term = values[p] * xj;
                var i = rows[p];
                _residual[i] += term;
                _scale[i] = Math.Max(_scale[i], Math.Abs(term));
            }
        }
        for (var i = 0; i < x.Length; i++)
        {
            _residual[i] -= _rhs[i];
            _scale[i] = Math.Max(_scale[i], Math.Abs(_rhs[i]));
        }
    }

    private static bool HasNonFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return true;
            }
        }
        return false;
    }

    private string FailureMessage(double[] x)
    {
        var worst = WorstResiduals(x);
        var aids = string.Join(", ", new[]
        {
            "newton", _options.GminStepping ? "gmin stepping" : null, _options.SourceStepping ? "source stepping" : null,
        }.Where(s => s is not null));
        var detail = worst.Length > 0 ? "; worst residuals: " + worst : "; the solution became non-finite";
        return $"DC operating point did not converge after {_iterations} iterations ({aids}){detail}";
    }

    // The three rows furthest outside their tolerance at x, or empty when x or the load is not finite.
    private string WorstResiduals(double[] x)
    {
        var worst = "";
        if (!HasNonFinite(x))
        {
            _system.Load(x, 1, 0, _rhs);
            if (!HasNonFinite(_rhs))
            {
                ComputeResidual(x);
                worst = string.Join(", ", Enumerable.Range(0, x.Length)
                    .OrderByDescending(i => Math.Abs(_residual[i]) / ResidualTolerance(i))
                    .Take(3)
                    .Select(i => string.Create(CultureInfo.InvariantCulture,
                        $"{_system.Describe(i)} {_residual[i]:G3} {(_system.IsVoltage(i) ? "A" : "V")} " +
                        $"at {x[i]:G6} {(_system.IsVoltage(i) ? "V" : "A")}")));
            }
        }
        return worst;
    }

    private OperatingPoint Result(double[] x, string method) => _system.ReportedSize == x.Length
        ? new(_system.UnknownNames, x, _system.NodeCount, _iterations, method)
        : new(_system.UnknownNames[.._system.ReportedSize], x[.._system.ReportedSize], _system.NodeCount, _iterations, method);
}
