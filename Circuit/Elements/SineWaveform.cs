namespace Bmcnn.Circuit.Elements;

/// <summary>
/// <c>SIN(VO VA FREQ TD THETA PHASE)</c>: VO + VA·e^(−(t−TD)·THETA)·sin(2π·FREQ·(t−TD) + PHASE°) from TD on, and
/// VO + VA·sin(PHASE°) before; a missing or zero FREQ is 1/stop time, as in ngspice.
/// </summary>
public sealed class SineWaveform : Waveform
{
    /// <summary>Creates the sine from 2 to 6 values.</summary>
    public SineWaveform(IReadOnlyList<double> arguments) : base("sin", arguments, 2, 6)
    {
    }

    /// <inheritdoc />
    public override double Value(double time, double step, double stop)
    {
        var offset = Argument(0, 0);
        var amplitude = Argument(1, 0);
        var delay = Argument(3, 0);
        var phase = Argument(5, 0) * Math.PI / 180;
        if (time <= delay)
        {
            return offset + amplitude * Math.Sin(phase);
        }
        var frequency = Argument(2, stop > 0 ? 1 / stop : 0, zeroIsDefault: true);
        var t = time - delay;
        return offset + amplitude * Math.Exp(-t * Argument(4, 0)) * Math.Sin(2 * Math.PI * frequency * t + phase);
    }

    /// <inheritdoc />
    public override void AddBreakpoints(double step, double stop, List<double> times)
    {
        if (Argument(3, 0) > 0)
        {
            times.Add(Argument(3, 0));
        }
    }
}
