namespace Bmcnn.Circuit.Elements;

/// <summary>
/// <c>PWL(T1 V1 T2 V2 ...)</c>: straight lines between the points; V1 before T1 and the last value after the last time.
/// Times must not decrease.
/// </summary>
public sealed class PwlWaveform : Waveform
{
    private readonly double[] _times;
    private readonly double[] _values;

    /// <summary>Creates the function from time–value pairs.</summary>
    /// <exception cref="BmcnnException">An odd count, or a time smaller than the one before it.</exception>
    public PwlWaveform(IReadOnlyList<double> arguments) : base("pwl", arguments, 2, int.MaxValue)
    {
        if (arguments.Count % 2 != 0)
        {
            throw new BmcnnException($"PWL needs time-value pairs, got {arguments.Count} values");
        }
        _times = new double[arguments.Count / 2];
        _values = new double[_times.Length];
        for (var k = 0; k < _times.Length; k++)
        {
            _times[k] = arguments[2 * k];
            _values[k] = arguments[2 * k + 1];
            if (k > 0 && _times[k] < _times[k - 1])
            {
                throw new BmcnnException($"PWL times must not decrease: {_times[k]:R} after {_times[k - 1]:R}");
            }
        }
    }

    /// <inheritdoc />
    public override double Value(double time, double step, double stop)
    {
        if (time <= _times[0])
        {
            return _values[0];
        }
        var last = _times.Length - 1;
        if (time >= _times[last])
        {
            return _values[last];
        }
        var k = Array.BinarySearch(_times, time);
        if (k >= 0)
        {
            // At a vertical step the later point wins, as time moves past it.
            while (k < last && _times[k + 1] == time)
            {
                k++;
            }
            return _values[k];
        }
        k = ~k; // first time above
        var (t0, t1) = (_times[k - 1], _times[k]);
        return _values[k - 1] + (_values[k] - _values[k - 1]) * (time - t0) / (t1 - t0);
    }

    /// <inheritdoc />
    public override void AddBreakpoints(double step, double stop, List<double> times) => times.AddRange(_times);
}
