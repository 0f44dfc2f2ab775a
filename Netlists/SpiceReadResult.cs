using Bmcnn.Circuit;

namespace Bmcnn.Netlists;

/// <summary>What <see cref="SpiceReader"/> produced: the flattened circuit and the warnings about ignored lines.</summary>
public sealed class SpiceReadResult
{
    /// <summary>Creates the result.</summary>
    public SpiceReadResult(Netlist netlist, IReadOnlyList<string> warnings)
    {
        Netlist = netlist;
        Warnings = warnings;
    }

    /// <summary>The circuit, subcircuits flattened with ngspice's names (<c>x1.m</c>, <c>r.x1.r1</c>).</summary>
    public Netlist Netlist { get; }

    /// <summary>One line each, <c>FILE:LINE: warning: message: 'text'</c>, for commands that were not applied.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
