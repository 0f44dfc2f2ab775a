namespace Bmcnn.Netlists;

/// <summary>An operating point as ngspice printed it.</summary>
public sealed class NgspiceResult
{
    /// <summary>Creates the result.</summary>
    public NgspiceResult(IReadOnlyDictionary<string, double> nodeVoltages, IReadOnlyDictionary<string, double> branchCurrents, string output)
    {
        NodeVoltages = nodeVoltages;
        BranchCurrents = branchCurrents;
        Output = output;
    }

    /// <summary>Node voltages by lowercase node name (<c>x1.m</c> for subcircuit nodes).</summary>
    public IReadOnlyDictionary<string, double> NodeVoltages { get; }

    /// <summary>
    /// Branch currents of voltage-defined sources (V, E, B with V=) by element name without <c>#branch</c>, with
    /// ngspice's sign: positive when current flows into the plus terminal through the source.
    /// </summary>
    public IReadOnlyDictionary<string, double> BranchCurrents { get; }

    /// <summary>ngspice's standard output, for diagnostics.</summary>
    public string Output { get; }
}
