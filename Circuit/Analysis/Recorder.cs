namespace Bmcnn.Circuit.Analysis;

/// <summary>Collects the reported unknowns (node voltages, branch currents) of each accepted point of an analysis.</summary>
internal sealed class Recorder(MnaSystem system)
{
    private readonly List<double> _axis = new();
    private readonly List<double> _values = new();

    /// <summary>Appends one point.</summary>
    public void Add(double at, ReadOnlySpan<double> solution)
    {
        _axis.Add(at);
        foreach (var v in solution[..system.ReportedSize])
        {
            _values.Add(v);
        }
    }

    /// <summary>The points as a table: <c>v(node)</c> for node voltages, <c>i(source)</c> for branch currents.</summary>
    public SignalTable ToTable(string analysis = "tran", string axisName = "time")
    {
        var width = system.ReportedSize;
        var names = new string[width];
        var signals = new double[width][];
        for (var k = 0; k < width; k++)
        {
            names[k] = k < system.NodeCount ? $"v({system.UnknownNames[k]})" : $"i({system.UnknownNames[k]})";
            signals[k] = new double[_axis.Count];
            for (var p = 0; p < _axis.Count; p++)
            {
                signals[k][p] = _values[p * width + k];
            }
        }
        return new SignalTable(analysis, axisName, _axis.ToArray(), names, signals);
    }
}
