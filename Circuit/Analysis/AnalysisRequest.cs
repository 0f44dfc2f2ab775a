namespace Bmcnn.Circuit.Analysis;

/// <summary>An analysis a netlist asks for (<c>.op</c>, <c>.dc</c>, <c>.tran</c>), in the order it asks.</summary>
public abstract record AnalysisRequest
{
    /// <summary>The analysis's short name as ngspice names its plot: <c>op</c>, <c>dc</c>, <c>tran</c>.</summary>
    public abstract string Kind { get; }
}
