using Bmcnn.Circuit;

namespace Bmcnn.Netlists;

/// <summary>What <see cref="SpiceReader"/> produced: the flattened circuit and the warnings about ignored lines.</summary>
public sealed class SpiceReadResult
{
    /// <summary>Creates the result.</summary>
    public SpiceReadResult(Netlist netlist, IReadOnlyList<string> warnings)
        : this(netlist, warnings, Array.Empty<Bmcnn.Circuit.Analysis.AnalysisRequest>())
    {
    }

    /// <summary>Creates the result with the analyses the netlist asks for.</summary>
    public SpiceReadResult(Netlist netlist, IReadOnlyList<string> warnings, IReadOnlyList<Bmcnn.Circuit.Analysis.AnalysisRequest> analyses)
    {
        Netlist = netlist;
        Warnings = warnings;
        Analyses = analyses;
    }

    /// <summary>The analyses the netlist asks for (<c>.op</c>, <c>.dc</c>, <c>.tran</c>), in file order.</summary>
    public IReadOnlyList<Bmcnn.Circuit.Analysis.AnalysisRequest> Analyses { get; }

    /// <summary>The simulator settings of the netlist's <c>.options</c> cards (SPICE's defaults without them).</summary>
    public Bmcnn.Circuit.Analysis.TransientOptions Options { get; init; } = new();

    /// <summary>The circuit, subcircuits flattened with ngspice's names (<c>x1.m</c>, <c>r.x1.r1</c>).</summary>
    public Netlist Netlist { get; }

    /// <summary>One line each, <c>FILE:LINE: warning: message: 'text'</c>, for commands that were not applied.</summary>
    public IReadOnlyList<string> Warnings { get; }
}
