namespace Bmcnn.Circuit.Analysis;

/// <summary>The DC solution: node voltages and the branch currents of voltage-defined sources, named as ngspice prints them.</summary>
public sealed class OperatingPoint
{
    internal OperatingPoint(IReadOnlyDictionary<string, double> nodeVoltages, IReadOnlyDictionary<string, double> branchCurrents,
        int iterations, string method)
    {
        NodeVoltages = nodeVoltages;
        BranchCurrents = branchCurrents;
        Iterations = iterations;
        Method = method;
    }

    /// <summary>Voltage of every non-ground node, keyed by lowercase name.</summary>
    public IReadOnlyDictionary<string, double> NodeVoltages { get; }

    /// <summary>
    /// Current of every voltage-defined source (V, E, B with V=), keyed by lowercase source name, positive when current
    /// enters the plus terminal and flows through the source to minus (ngspice's <c>v1#branch</c>).
    /// </summary>
    public IReadOnlyDictionary<string, double> BranchCurrents { get; }

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
        BranchCurrents.TryGetValue(source.ToLowerInvariant(), out var i) ? i : throw new BmcnnException($"no voltage-defined source '{source}' in the operating point");
}
