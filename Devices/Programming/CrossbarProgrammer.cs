using Bmcnn.Circuit;
using Bmcnn.Circuit.Crossbars;

namespace Bmcnn.Devices.Programming;

/// <summary>
/// Writes a binary pattern into a crossbar of VTEAM devices with program-and-verify, row by row: read the row (its
/// row at the read voltage, every other line at 0 V, each column's current gives its cell's read resistance), then,
/// while some cell is outside ±tolerance of its target and has pulses left, one set pulse to the row's cells that read
/// too high and one reset pulse to those that read too low (the selected cells of a pulse share it; every other
/// line at the scheme's half-select bias), then read again.
/// <para>
/// Each pulse is simulated quasi-statically: without wire capacitance the crossbar is a resistive network at every
/// instant, so it is solved (<see cref="DrivenCrossbarSolver"/>) at the start of each of the pulse's steps (one per
/// edge, <see cref="ProgrammingSetup.StepsPerPulse"/> over the flat top), and every device's state is integrated
/// through the step with its voltage held at that solution times the edge's ramp (Runge–Kutta on the VTEAM equation).
/// All sources of a pulse scale together, so during an edge every device voltage is the ramp times the full-amplitude
/// solution, and the source power is the ramp squared times the full power.
/// </para>
/// </summary>
public static class CrossbarProgrammer
{
    private const int RungeKuttaSteps = 4;

    /// <summary>
    /// Programs <paramref name="targetOn"/> (row-major, <paramref name="rows"/> × <paramref name="columns"/>, true = R_ON).
    /// </summary>
    /// <exception cref="BmcnnException">When the setup is impossible or a crossbar solve does not converge.</exception>
    public static ProgrammingRun Program(bool[] targetOn, int rows, int columns, ProgrammingSetup setup, IProgress<int>? rowDone = null)
    {
        ArgumentNullException.ThrowIfNull(targetOn);
        ArgumentNullException.ThrowIfNull(setup);
        setup.Validate();
        if (rows <= 0 || columns <= 0) throw new BmcnnException($"program: needs positive rows and columns, got {rows}×{columns}");
        if (targetOn.Length != rows * columns) throw new ArgumentException("pattern does not match the crossbar size", nameof(targetOn));
        var count = rows * columns;
        var initial = new double[count];
        var onScale = new double[count];
        var offScale = new double[count];
        var random = RandomStream.For(setup.Seed, 0x5052_4F47, rows, columns); // "PROG"
        for (var k = 0; k < count; k++)
        {
            initial[k] = setup.InitialState;
            onScale[k] = Math.Exp(setup.SpeedSigma * random.NextGaussian());
            offScale[k] = Math.Exp(setup.SpeedSigma * random.NextGaussian());
        }
        var run = new ProgrammingRun(setup, rows, columns, (bool[])targetOn.Clone(), initial, onScale, offScale);
        new Session(run).Execute(rowDone);
        return run;
    }

    private sealed class Session
    {
        private readonly ProgrammingRun _run;
        private readonly ProgrammingSetup _setup;
        private readonly DrivenCrossbarSolver _solver;
        private readonly double[] _g, _v, _before, _rowVolts, _columnVolts, _read;
        private readonly bool[] _selected;

        public Session(ProgrammingRun run)
        {
            _run = run;
            _setup = run.Setup;
            _solver = new DrivenCrossbarSolver(run.Rows, run.Columns, _setup.RowWireOhms, _setup.ColumnWireOhms);
            var count = run.Rows * run.Columns;
            _g = new double[count];
            _v = new double[count];
            _before = new double[count];
            _selected = new bool[run.Columns];
            _rowVolts = new double[run.Rows];
            _columnVolts = new double[run.Columns];
            _read = new double[run.Columns];
            for (var k = 0; k < count; k++) _g[k] = 1 / _setup.Model.Resistance(run.States[k]);
        }

        public void Execute(IProgress<int>? rowDone)
        {
            var n = _run.Columns;
            var set = new List<int>();
            var reset = new List<int>();
            for (var i = 0; i < _run.Rows; i++)
            {
                Read(i);
                while (true)
                {
                    set.Clear();
                    reset.Clear();
                    for (var j = 0; j < n; j++)
                    {
                        var index = i * n + j;
                        var target = _run.Target(index);
                        if (_run.Pulses[index] >= _setup.MaxPulses) continue;
                        if (_read[j] > target * (1 + _setup.Tolerance)) set.Add(j);
                        else if (_read[j] < target * (1 - _setup.Tolerance)) reset.Add(j);
                    }
                    if (set.Count == 0 && reset.Count == 0) break;
                    if (set.Count > 0) Pulse(i, true, set);
                    if (reset.Count > 0) Pulse(i, false, reset);
                    Read(i);
                }
                for (var j = 0; j < n; j++)
                {
                    var index = i * n + j;
                    _run.VerifiedRead[index] = _read[j];
                    _run.Converged[index] = Math.Abs(_read[j] / _run.Target(index) - 1) <= _setup.Tolerance;
                }
                rowDone?.Report(i);
            }
            // A last read of every row shows what later rows' pulses did to the rows verified before them.
            for (var i = 0; i < _run.Rows; i++)
            {
                Read(i);
                _read.CopyTo(_run.FinalRead.AsSpan(i * n, n));
            }
        }

        // Row i at the read voltage, all other lines at 0 V: each column's current over the read voltage is its cell's
        // read conductance (the wires and the other rows' cells included, as a sense amplifier would see them).
        private void Read(int i)
        {
            Array.Clear(_rowVolts);
            Array.Clear(_columnVolts);
            _rowVolts[i] = _setup.ReadVolts;
            var power = _solver.Solve(_g, _rowVolts, _columnVolts, _v);
            Count();
            _run.ReadEnergy += power * _setup.ReadWidth;
            _run.Reads++;
            for (var j = 0; j < _run.Columns; j++)
            {
                var current = _solver.ColumnCurrent(_g, j);
                _read[j] = current == 0 ? double.PositiveInfinity : _setup.ReadVolts / current;
            }
        }

        private void Pulse(int row, bool isSet, List<int> columns)
        {
            var pulse = isSet ? _setup.Set : _setup.Reset;
            var bias = _setup.Bias(pulse.Amplitude);
            int m = _run.Rows, n = _run.Columns;
            for (var i = 0; i < m; i++) _rowVolts[i] = i == row ? bias.Row : bias.OtherRows;
            Array.Clear(_selected);
            foreach (var j in columns) _selected[j] = true;
            for (var j = 0; j < n; j++) _columnVolts[j] = _selected[j] ? bias.Column : bias.OtherColumns;
            _run.States.CopyTo(_before, 0);

            // Rise edge, flat top in steps, fall edge: (duration, ramp at start, ramp at end).
            var edge = pulse.Edge;
            var flat = pulse.Width / _setup.StepsPerPulse;
            Step(edge, 0, 1);
            for (var k = 0; k < _setup.StepsPerPulse; k++) Step(flat, 1, 1);
            Step(edge, 1, 0);

            foreach (var j in columns) _run.Pulses[row * n + j]++;
            for (var k = 0; k < m * n; k++)
            {
                if (k / n == row && _selected[k % n]) continue;
                _run.Drift[k] += Math.Abs(_run.States[k] - _before[k]);
            }
            _run.PulseTime += pulse.Duration;
            _run.Log.Add(new AppliedPulse(row, isSet, [.. columns]));
        }

        private void Step(double dt, double rampStart, double rampEnd)
        {
            var power = _solver.Solve(_g, _rowVolts, _columnVolts, _v);
            Count();
            // ∫ ramp² dt over a linear ramp from a to b: dt·(a² + ab + b²)/3.
            _run.WriteEnergy += power * dt * (rampStart * rampStart + rampStart * rampEnd + rampEnd * rampEnd) / 3;
            var model = _setup.Model;
            var states = _run.States;
            for (var k = 0; k < states.Length; k++)
            {
                var v = _v[k];
                var next = model.Advance(states[k], rampStart * v, rampEnd * v, dt, RungeKuttaSteps, _run.OnScale[k], _run.OffScale[k]);
                if (next != states[k])
                {
                    states[k] = next;
                    _g[k] = 1 / model.Resistance(next);
                }
            }
        }

        private void Count()
        {
            _run.Solves++;
            _run.Sweeps += _solver.LastSweeps;
        }
    }
}
