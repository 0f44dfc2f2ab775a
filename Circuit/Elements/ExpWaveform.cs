namespace Bmcnn.Circuit.Elements;

/// <summary>
/// <c>EXP(V1 V2 TD1 TAU1 TD2 TAU2)</c>: V1 until TD1, then an exponential approach to V2 with time constant TAU1,
/// and from TD2 on an exponential return toward V1 with TAU2. Defaults as in ngspice: TD1 0, TAU1 the step, TD2 TD1
/// plus the step, TAU2 the step.
/// </summary>
public sealed class ExpWaveform : Waveform
{
    /// <summary>Creates the function from 2 to 6 values.</summary>
    public ExpWaveform(IReadOnlyList<double> arguments) : base("exp", arguments, 2, 6)
    {
    }

    /// <inheritdoc />
    public override double Value(double time, double step, double stop)
    {
        var (v1, v2, td1, tau1, td2, tau2) = Resolve(step);
        if (time <= td1)
        {
            return v1;
        }
        var value = v1 + (v2 - v1) * (1 - Math.Exp(-(time - td1) / tau1));
        if (time > td2)
        {
            value += (v1 - v2) * (1 - Math.Exp(-(time - td2) / tau2));
        }
        return value;
    }

    /// <inheritdoc />
    public override void AddBreakpoints(double step, double stop, List<double> times)
    {
        var (_, _, td1, _, td2, _) = Resolve(step);
        times.Add(td1);
        times.Add(td2);
    }

    private (double V1, double V2, double Td1, double Tau1, double Td2, double Tau2) Resolve(double step)
    {
        var td1 = Argument(2, 0);
        return (Argument(0, 0), Argument(1, 0), td1, Argument(3, step, zeroIsDefault: true),
            Argument(4, td1 + step, zeroIsDefault: true), Argument(5, step, zeroIsDefault: true));
    }
}
