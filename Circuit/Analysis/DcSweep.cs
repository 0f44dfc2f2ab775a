using Bmcnn.Circuit.Elements;

namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// <c>.dc</c>: the operating point at each value of an independent source's DC value, each solved by Newton from the
/// previous point's solution (the full operating-point strategy, gmin and source stepping included, when that fails).
/// The source's value is restored afterwards.
/// </summary>
public sealed class DcSweep
{
    private readonly MnaSystem _system;
    private readonly DcOperatingPoint _solver;

    /// <summary>Compiles the circuit and checks its topology.</summary>
    public DcSweep(Netlist netlist, DcOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        _system = new MnaSystem(netlist);
        _solver = new DcOperatingPoint(_system, options);
    }

    /// <summary>Newton iterations of the last run, over all points.</summary>
    public int Iterations { get; private set; }

    /// <summary>Runs the sweep.</summary>
    /// <exception cref="BmcnnException">An unknown source, a bad range, or a point that does not converge (naming its value).</exception>
    public SignalTable Run(DcSweepRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Values();
        var source = _system.Netlist.Find(request.Source);
        var (get, set) = source switch
        {
            VoltageSource v => ((Func<double>)(() => v.Voltage), (Action<double>)(value => v.Voltage = value)),
            CurrentSource i => (() => i.Current, value => i.Current = value),
            _ => throw new BmcnnException($".dc: '{request.Source}' is not an independent voltage or current source of the circuit"),
        };
        var original = get();
        var output = new Recorder(_system);
        var x = new double[_system.Size];
        Iterations = 0;
        try
        {
            for (var k = 0; k < values.Length; k++)
            {
                set(values[k]);
                try
                {
                    _solver.Solve(x, warmStart: k > 0);
                }
                catch (BmcnnException e)
                {
                    throw new BmcnnException($".dc {request.Source} = {values[k]:G6}: {e.Message}", e);
                }
                Iterations += _solver.Iterations;
                output.Add(values[k], x);
            }
        }
        finally
        {
            set(original);
        }
        return output.ToTable("dc", source.Name);
    }
}
