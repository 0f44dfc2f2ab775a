using System.Globalization;
using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// Transient analysis as SPICE does it: the initial operating point (or the initial conditions with UIC), then time
/// steps by the trapezoidal rule, backward Euler on the first step after every breakpoint (source corners), Newton at
/// every time point on the same sparse factorization (refactor only), the next step chosen from the local truncation
/// error of every stored charge, a step cut by 8 when Newton fails, and an error naming the time and the worst node
/// when the step falls below 1e-11 of the largest step.
/// </summary>
public sealed class TransientAnalysis
{
    private readonly MnaSystem _system;
    private readonly TransientOptions _options;

    /// <summary>Compiles the circuit and checks its topology.</summary>
    /// <exception cref="BmcnnException">A structural fault or a bad option, by name.</exception>
    public TransientAnalysis(Netlist netlist, TransientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        _options = options ?? new TransientOptions();
        _options.Validate();
        _system = new MnaSystem(netlist);
    }

    /// <summary>Time points accepted by the last run.</summary>
    public int AcceptedSteps { get; private set; }

    /// <summary>Time points rejected by the last run (truncation error too large, or Newton failed).</summary>
    public int RejectedSteps { get; private set; }

    /// <summary>Newton iterations (factorizations) of the last run, the initial operating point included.</summary>
    public int Iterations { get; private set; }

    /// <summary>Runs the analysis: every accepted time point from the request's start time on.</summary>
    /// <exception cref="BmcnnException">When the initial point cannot be found or the time step collapses.</exception>
    public SignalTable Run(TransientRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        AcceptedSteps = RejectedSteps = Iterations = 0;
        var state = _system.State;
        state.PrintStep = request.Step;
        state.StopTime = request.Stop;
        var x = new double[_system.Size];
        try
        {
            Initialize(request, x);
        }
        finally
        {
            state.Mode = LoadMode.Dc;
        }
        try
        {
            state.Mode = LoadMode.Transient;
            return Step(request, x);
        }
        finally
        {
            state.Mode = LoadMode.Dc;
            state.Time = 0;
        }
    }

    private void Initialize(TransientRequest request, double[] x)
    {
        var state = _system.State;
        state.Mode = LoadMode.TransientOperatingPoint;
        var initial = _system.Netlist.InitialConditions;
        if (request.UseInitialConditions)
        {
            foreach (var (node, volts) in initial)
            {
                x[_system.NodeIndex.TryGetValue(Netlist.Canonical(node), out var i)
                    ? i : throw new BmcnnException($".ic names node '{node}', which the circuit does not have")] = volts;
            }
            _system.InitializeStates(x, useInitialConditions: true);
            foreach (var inductor in _system.Netlist.Elements.OfType<Inductor>())
            {
                x[_system.BranchIndex[inductor.Name]] = inductor.InitialCurrent ?? 0;
            }
            return;
        }
        _system.HoldNodes(initial);
        var operatingPoint = new DcOperatingPoint(_system, _options.Dc);
        try
        {
            operatingPoint.Solve(x);
        }
        catch (BmcnnException e)
        {
            throw new BmcnnException($"transient analysis: initial operating point: {e.Message}", e);
        }
        Iterations += operatingPoint.Iterations;
        _system.InitializeStates(x, useInitialConditions: false);
    }

    private SignalTable Step(TransientRequest request, double[] x)
    {
        var state = _system.State;
        var stop = request.Stop;
        var largestStep = request.LargestStep;
        var smallestStep = 1e-11 * largestStep;
        var breakpoints = Breakpoints(request, smallestStep);
        var newton = _system.IsLinear ? null : new DcOperatingPoint(_system, _options.Dc with
        {
            MaxIterations = _options.StepIterations,
            PolishIterations = 0,
            GminStepping = false,
            SourceStepping = false,
        });
        var rhs = new double[_system.Size];
        var accepted = (double[])x.Clone();
        Span<double> steps = stackalloc double[IntegrationState.Depth];
        var output = new Recorder(_system);
        var time = 0.0;
        // Like ngspice, a run from initial conditions reports no point at t = 0 (its node voltages are not a solution).
        if (request.Start <= 0 && !request.UseInitialConditions)
        {
            output.Add(0, x);
        }
        var delta = Math.Min(stop / 100, request.Step) / 10;
        steps.Fill(delta);
        var order = 1;
        var next = 0; // breakpoints[next] is the first one after time
        var afterBreakpoint = true;
        var saved = delta;
        while (next < breakpoints.Count)
        {
            var breakpoint = breakpoints[next];
            if (afterBreakpoint)
            {
                order = 1;
                delta = Math.Min(delta, 0.1 * Math.Min(saved, breakpoint - time));
                afterBreakpoint = false;
            }
            delta = Math.Min(delta, largestStep);
            var hits = time + delta >= breakpoint - smallestStep;
            if (hits)
            {
                saved = delta;
                delta = breakpoint - time;
            }
            steps[0] = delta;
            state.Time = hits ? breakpoint : time + delta;
            state.SetStep(delta, order);
            _system.Refresh();
            Array.Copy(accepted, x, x.Length);
            if (!Solve(x, newton, rhs))
            {
                RejectedSteps++;
                delta /= 8;
                order = 1;
                if (delta < smallestStep)
                {
                    throw Collapse(state.Time, delta, newton!.DescribeFailure(x));
                }
                continue;
            }
            var limiting = -1;
            // As in SPICE, the first point is not judged: its history is the operating point copied, and the step is kept.
            var allowed = AcceptedSteps == 0 ? delta
                : _system.IsReactive ? TruncationError.LargestStep(state, steps, order, _options, out limiting) : 2 * delta;
            if (!(allowed > 0.9 * delta))
            {
                RejectedSteps++;
                delta = allowed;
                if (!(delta >= smallestStep))
                {
                    var owner = limiting >= 0 ? state.Owner(limiting) : "?";
                    throw Collapse(state.Time, delta, $"the local truncation error of '{owner}' stays above its tolerance");
                }
                continue;
            }
            if (order == 1 && _system.IsReactive && AcceptedSteps > 0)
            {
                var second = TruncationError.LargestStep(state, steps, 2, _options);
                if (second > 1.05 * delta)
                {
                    order = 2;
                    allowed = second;
                }
            }
            AcceptedSteps++;
            time = state.Time;
            state.Accept();
            for (var k = IntegrationState.Depth - 1; k > 0; k--)
            {
                steps[k] = steps[k - 1];
            }
            Array.Copy(x, accepted, x.Length);
            if (time >= request.Start)
            {
                output.Add(time, x);
            }
            if (hits)
            {
                next++;
                afterBreakpoint = true;
            }
            delta = allowed;
        }
        return output.ToTable();
    }

    // One time point: a single solve for a linear circuit, else Newton from the last accepted point.
    private bool Solve(double[] x, DcOperatingPoint? newton, double[] rhs)
    {
        if (newton is not null)
        {
            var converged = newton.Iterate(x);
            Iterations += newton.Iterations;
            return converged;
        }
        _system.Load(x, 1, 0, rhs);
        var lu = _system.Factor(_options.Dc.Threads);
        Iterations++;
        Array.Copy(rhs, x, x.Length);
        lu.Solve(x);
        // The charges were computed at the starting point; load again so they (and their currents) match the solution.
        _system.Load(x, 1, 0, rhs);
        foreach (var value in x)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }
        return true;
    }

    // Source corners in (0, stop], sorted, closer than the smallest step merged, ending with stop itself.
    private List<double> Breakpoints(TransientRequest request, double smallestStep)
    {
        var times = new List<double>();
        foreach (var element in _system.Netlist.Elements)
        {
            var waveform = element switch
            {
                VoltageSource v => v.Waveform,
                CurrentSource i => i.Waveform,
                _ => null,
            };
            waveform?.AddBreakpoints(request.Step, request.Stop, times);
        }
        times.Sort();
        var result = new List<double>();
        foreach (var t in times)
        {
            if (t > smallestStep && t < request.Stop - smallestStep && (result.Count == 0 || t - result[^1] > smallestStep))
            {
                result.Add(t);
            }
        }
        result.Add(request.Stop);
        return result;
    }

    private BmcnnException Collapse(double time, double step, string reason) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"transient analysis: time step too small at t = {time:G6} s (step {step:G3} s): {reason}"));
}
