namespace Bmcnn.Netlists;

/// <summary>
/// The simulator a netlist is written for. The dialects differ only where the syntax does: behavioral sources,
/// output commands and control blocks. Only <see cref="Ngspice"/> is checked against a simulator here.
/// </summary>
public enum SpiceDialect
{
    /// <summary>ngspice (batch mode): B sources as <c>I=expr</c>, a <c>.control</c> block that runs <c>op</c> and prints everything.</summary>
    Ngspice,

    /// <summary>Xyce: B sources as <c>I={expr}</c>, <c>.op</c> with <c>.print dc</c>, no control block.</summary>
    Xyce,

    /// <summary>LTspice: B sources as <c>I=expr</c>, a bare <c>.op</c> (results go to the .log/.raw files).</summary>
    Ltspice,
}
