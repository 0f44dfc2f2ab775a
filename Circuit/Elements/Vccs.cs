namespace Bmcnn.Circuit.Elements;

/// <summary>
/// Voltage-controlled current source (SPICE <c>G</c>): a current gm · (V(cplus) − V(cminus)) flows from the plus node
/// through the source to the minus node.
/// </summary>
public sealed class Vccs : Element
{
    /// <summary>Creates the source; nodes are plus, minus, control plus, control minus.</summary>
    public Vccs(string name, string plus, string minus, string controlPlus, string controlMinus, double transconductance)
        : base(name, plus, minus, controlPlus, controlMinus) => Transconductance = Finite(name, "transconductance", transconductance);

    /// <summary>Transconductance in siemens.</summary>
    public double Transconductance { get; }
}
