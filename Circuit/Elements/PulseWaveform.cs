namespace Bmcnn.Circuit.Elements;

/// <summary>
/// <c>PULSE(V1 V2 TD TR TF PW PER)</c>: V1 until TD, a linear rise over TR to V2, PW at V2, a linear fall over TF,
/// repeating every PER. As in ngspice, a missing or zero TR/TF is the analysis step, a missing PW or PER the stop time.
/// </summary>
public sealed class PulseWaveform : Waveform
{
    /// <summary>Creates the pulse from 2 to 7 values.</summary>
    public PulseWaveform(IReadOnlyList<double> arguments) : base("pulse", arguments, 2, 7)
    {
        if (Argument(2, 0) < 0 || Argument(3, 0) < 0 || Argument(4, 0) < 0 || Argument(5, 0) < 0 || Argument(6, 0) < 0)
        {
            throw new BmcnnException("PULSE: times must not be negative");
        }
    }

    /// <inheritdoc />
    public override double Value(double time, double step, double stop)
    {
        var (v1, v2, delay, rise, fall, width, period) = Resolve(step, stop);
        if (time <= delay)
        {
            return v1;
        }
        var t = time - delay;
        if (period > 0 && t >= period)
        {
            t -= Math.Floor(t / period) * period;
        }
        if (t < rise)
        {
            return v1 + (v2 - v1) * t / rise;
        }
        if (t <= rise + width)
        {
            return v2;
        }
        if (t < rise + width + fall)
        {
            return v2 + (v1 - v2) * (t - rise - width) / fall;
        }
        return v1;
    }

    /// <inheritdoc />
    public override void AddBreakpoints(double step, double stop, List<double> times)
    {
        var (_, _, delay, rise, fall, width, period) = Resolve(step, stop);
        for (var start = delay; start < stop; start += period)
        {
            times.Add(start);
            times.Add(start + rise);
            times.Add(start + rise + width);
            times.Add(start + rise + width + fall);
            if (!(period > 0) || times.Count > 4_000_000)
            {
                break;
            }
        }
    }

    private (double V1, double V2, double Delay, double Rise, double Fall, double Width, double Period) Resolve(double step, double stop)
    {
        var rise = Argument(3, step, zeroIsDefault: true);
        var fall = Argument(4, step, zeroIsDefault: true);
        var width = Argument(5, stop);
        // A period shorter than one pulse would overlap itself; ngspice then uses the stop time.
        var period = Argument(6, stop, zeroIsDefault: true);
        if (period < rise + width + fall)
        {
            period = double.PositiveInfinity;
        }
        return (Argument(0, 0), Argument(1, 0), Argument(2, 0), rise, fall, width, period);
    }
}
