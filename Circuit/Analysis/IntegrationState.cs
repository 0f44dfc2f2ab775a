namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// The time-domain state every stamp of one MNA system shares: the load mode, the time, the integration coefficients
/// and the history of every stored charge (capacitor charge, inductor flux, junction charge) with its derivative
/// (the current, or the inductor voltage) at the last accepted time points. Slot 0 is the point being solved.
/// </summary>
internal sealed class IntegrationState
{
    /// <summary>History depth: the trapezoidal truncation-error estimate needs four points.</summary>
    public const int Depth = 4;

    private readonly double[][] _charge = new double[Depth][];
    private readonly double[][] _flow = new double[Depth][];
    private readonly List<string> _owners = new();
    private int _slots;

    /// <summary>What the load computes.</summary>
    public LoadMode Mode { get; set; }

    /// <summary>The time being solved for (transient mode).</summary>
    public double Time { get; set; }

    /// <summary>The analysis's print step and stop time, which supply the waveforms' defaults.</summary>
    public double PrintStep { get; set; }

    /// <inheritdoc cref="PrintStep"/>
    public double StopTime { get; set; }

    /// <summary>Coefficient of the new charge in its derivative: 1/h (backward Euler) or 2/h (trapezoidal).</summary>
    public double Ag0 { get; private set; }

    /// <summary>Integration order: 1 backward Euler, 2 trapezoidal.</summary>
    public int Order { get; private set; } = 1;

    /// <summary>True when a junction limited its voltage during the last load (the iterate is not a solution yet).</summary>
    public bool Limited { get; set; }

    /// <summary>Charges at the point being solved (slot 0) and the accepted points before it.</summary>
    public double[] Charge(int age) => _charge[age];

    /// <summary>Charge derivatives (currents) at the point being solved (slot 0) and the accepted points before it.</summary>
    public double[] Flow(int age) => _flow[age];

    /// <summary>Number of charge slots.</summary>
    public int Slots => _slots;

    /// <summary>Reserves a charge slot for the element named <paramref name="owner"/> (while the system is compiled).</summary>
    public int Allocate(string owner)
    {
        _owners.Add(owner);
        return _slots++;
    }

    /// <summary>The element that owns a charge slot.</summary>
    public string Owner(int slot) => _owners[slot];

    /// <summary>Creates the history arrays once all slots are reserved.</summary>
    public void Create()
    {
        for (var k = 0; k < Depth; k++)
        {
            _charge[k] = new double[_slots];
            _flow[k] = new double[_slots];
        }
    }

    /// <summary>A source's value under the current mode: its DC value, or its waveform at the time.</summary>
    public double SourceValue(Elements.Waveform? waveform, double dc) => Mode switch
    {
        LoadMode.Dc => dc,
        _ when waveform is null => dc,
        LoadMode.TransientOperatingPoint => waveform.Value(0, PrintStep, StopTime),
        _ => waveform.Value(Time, PrintStep, StopTime),
    };

    /// <summary>Sets the method for a step of <paramref name="step"/> seconds: order 1 backward Euler, 2 trapezoidal.</summary>
    public void SetStep(double step, int order)
    {
        Order = order;
        Ag0 = order == 1 ? 1 / step : 2 / step;
    }

    /// <summary>
    /// The derivative of the charge in <paramref name="slot"/> (whose new value is in <see cref="Charge"/>(0)) by the
    /// current method, stored in <see cref="Flow"/>(0) and returned.
    /// </summary>
    public double Integrate(int slot)
    {
        var q0 = _charge[0][slot];
        var q1 = _charge[1][slot];
        var flow = Order == 1 ? Ag0 * (q0 - q1) : Ag0 * (q0 - q1) - _flow[1][slot];
        _flow[0][slot] = flow;
        return flow;
    }

    /// <summary>Copies the state of the point just solved into every older slot (after the initial operating point).</summary>
    public void FillHistory()
    {
        for (var k = 1; k < Depth; k++)
        {
            Array.Copy(_charge[0], _charge[k], _slots);
            Array.Copy(_flow[0], _flow[k], _slots);
        }
    }

    /// <summary>Accepts the point just solved: it becomes age 1, and the oldest arrays are reused for the next point.</summary>
    public void Accept()
    {
        var (oldestCharge, oldestFlow) = (_charge[Depth - 1], _flow[Depth - 1]);
        for (var k = Depth - 1; k > 0; k--)
        {
            _charge[k] = _charge[k - 1];
            _flow[k] = _flow[k - 1];
        }
        Array.Copy(_charge[1], oldestCharge, _slots);
        Array.Copy(_flow[1], oldestFlow, _slots);
        _charge[0] = oldestCharge;
        _flow[0] = oldestFlow;
    }
}
