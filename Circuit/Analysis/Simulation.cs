namespace Bmcnn.Circuit.Analysis;

/// <summary>Runs any requested analysis of a netlist and returns its points as a <see cref="SignalTable"/>.</summary>
public static class Simulation
{
    /// <summary>
    /// Runs one analysis: <c>op</c> gives a table of one point (axis 0), <c>dc</c> one point per swept value, <c>tran</c>
    /// one per accepted time point.
    /// </summary>
    public static SignalTable Run(Netlist netlist, AnalysisRequest request, TransientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(netlist);
        ArgumentNullException.ThrowIfNull(request);
        options ??= new TransientOptions();
        switch (request)
        {
            case TransientRequest tran:
                return new TransientAnalysis(netlist, options).Run(tran);
            case DcSweepRequest dc:
                return new DcSweep(netlist, options.Dc).Run(dc);
            case OperatingPointRequest:
                var op = new DcOperatingPoint(netlist, options.Dc).Solve();
                var names = new List<string>();
                var values = new List<double[]>();
                for (var k = 0; k < op.NodeNames.Length; k++)
                {
                    names.Add($"v({op.NodeNames[k]})");
                    values.Add([op.NodeValues[k]]);
                }
                for (var k = 0; k < op.BranchNames.Length; k++)
                {
                    names.Add($"i({op.BranchNames[k]})");
                    values.Add([op.BranchValues[k]]);
                }
                return new SignalTable("op", "point", [0.0], names, values.ToArray());
            default:
                throw new BmcnnException($"analysis '{request.Kind}' is not supported");
        }
    }
}
