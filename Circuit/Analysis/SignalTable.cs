namespace Bmcnn.Circuit.Analysis;

/// <summary>
/// The result of a sweep or transient analysis: one axis (time, or the swept source's value) and signals named as
/// ngspice names its vectors, <c>v(node)</c> and <c>i(source)</c>, lowercase.
/// </summary>
public sealed class SignalTable
{
    private readonly double[] _axis;
    private readonly double[][] _signals;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates the table; every signal has one value per axis point.</summary>
    public SignalTable(string analysis, string axisName, double[] axis, IReadOnlyList<string> names, double[][] signals)
    {
        if (names.Count != signals.Length || signals.Any(s => s.Length != axis.Length))
        {
            throw new ArgumentException("every signal needs one value per axis point");
        }
        Analysis = analysis;
        AxisName = axisName;
        _axis = axis;
        Names = names;
        _signals = signals;
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var k = 0; k < names.Count; k++)
        {
            _index[names[k]] = k;
        }
    }

    /// <summary><c>op</c>, <c>dc</c> or <c>tran</c>.</summary>
    public string Analysis { get; }

    /// <summary><c>time</c>, or the swept source's name.</summary>
    public string AxisName { get; }

    /// <summary>The axis values in order.</summary>
    public IReadOnlyList<double> Axis => _axis;

    /// <summary>The signal names (<c>v(a)</c>, <c>i(v1)</c>).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The values of a signal (case-insensitive name).</summary>
    /// <exception cref="BmcnnException">When there is no such signal.</exception>
    public IReadOnlyList<double> Signal(string name) => _signals[IndexOf(name)];

    /// <summary>True when the table has that signal.</summary>
    public bool Has(string name) => _index.ContainsKey(name);

    /// <summary>The signal's value at an axis position by linear interpolation (held flat outside the axis range).</summary>
    public double Interpolate(string name, double at)
    {
        var values = _signals[IndexOf(name)];
        if (_axis.Length == 1 || at <= _axis[0])
        {
            return values[0];
        }
        var last = _axis.Length - 1;
        if (at >= _axis[last])
        {
            return values[last];
        }
        var k = Array.BinarySearch(_axis, at);
        if (k >= 0)
        {
            return values[k];
        }
        k = ~k;
        var (t0, t1) = (_axis[k - 1], _axis[k]);
        return t1 == t0 ? values[k] : values[k - 1] + (values[k] - values[k - 1]) * (at - t0) / (t1 - t0);
    }

    private int IndexOf(string name) =>
        _index.TryGetValue(name, out var k) ? k : throw new BmcnnException($"no signal '{name}' in the {Analysis} results");
}
