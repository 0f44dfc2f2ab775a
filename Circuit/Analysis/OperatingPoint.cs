namespace Bmcnn.Circuit.Analysis;

/// <summary>The DC solution: node voltages and the branch currents of voltage-defined sources, named as ngspice prints them.</summary>
public sealed class OperatingPoint
{
    private readonly string[] _names;
    private readonly double[] _values;
    private readonly int _nodeCount;
    private IReadOnlyDictionary<string, double>? _nodeVoltages, _branchCurrents;

    /// <summary>
    /// A solution over <paramref name="names"/>: the first <paramref name="nodeCount"/> are nodes, the rest sources.
    /// The name-keyed dictionaries are built on first use (a large crossbar has 100,000 nodes, and a caller that
    /// streams them in order never needs them).
    /// </summary>
    internal OperatingPoint(string[] names, double[] values, int nodeCount, int iterations, string method)
    {
        _names = names;
        _values = values;
        _nodeCount = nodeCount;
        Iterations = iterations;
        Method = method;
    }

    /// <summary>Voltage of every non-ground node, keyed by lowercase name.</summary>
    public IReadOnlyDictionary<string, double> NodeVoltages => _nodeVoltages ??= Index(0, _nodeCount);

    /// <summary>
    /// Current of every voltage-defined source (V, E, B with V=), keyed by lowercase source name, positive when current
    /// enters the plus terminal and flows through the source to minus (ngspice's <c>v1#branch</c>).
    /// </summary>
    public IReadOnlyDictionary<string, double> BranchCurrents => _branchCurrents ??= Index(_nodeCount, _names.Length);

    /// <summary>Node names in the netlist's order of first appearance (the order of <see cref="NodeValues"/>).</summary>
    public ReadOnlySpan<string> NodeNames => _names.AsSpan(0, _nodeCount);

    /// <summary>Node voltages in the order of <see cref="NodeNames"/>.</summary>
    public ReadOnlySpan<double> NodeValues => _values.AsSpan(0, _nodeCount);

    /// <summary>Voltage-defined source names in netlist element order (the order of <see cref="BranchValues"/>).</summary>
    public ReadOnlySpan<string> BranchNames => _names.AsSpan(_nodeCount);

    /// <summary>Branch currents in the order of <see cref="BranchNames"/>.</summary>
    public ReadOnlySpan<double> BranchValues => _values.AsSpan(_nodeCount);

    /// <summary>Total Newton iterations (factorizations), over every continuation step.</summary>
    public int Iterations { get; }

    /// <summary>How the solution was reached: <c>linear</c>, <c>newton</c>, <c>gmin stepping</c> or <c>source stepping</c>.</summary>
    public string Method { get; }

    /// <summary>The voltage of a node (case-insensitive; ground is 0).</summary>
    /// <exception cref="BmcnnException">When the circuit has no such node.</exception>
    public double Voltage(string node)
    {
        var name = Netlist.Canonical(node);
        if (name == "0") return 0;
        return NodeVoltages.TryGetValue(name, out var v) ? v : throw new BmcnnException($"no node '{node}' in the operating point");
    }

    /// <summary>The branch current of a voltage-defined source (case-insensitive name).</summary>
    /// <exception cref="BmcnnException">When the circuit has no such source.</exception>
    public double Current(string source) =>
        BranchCurrents.TryGetValue(source.ToLowerInvariant(), out var i) ? i
            : throw new BmcnnException($"no voltage-defined source '{source}' in the operating point");

    private Dictionary<string, double> Index(int from, int to)
    {
        var index = new Dictionary<string, double>(to - from, StringComparer.Ordinal);
        for (var i = from; i < to; i++)
        {
            index[_names[i]] = _values[i];
        }
        return index;
    }
}
