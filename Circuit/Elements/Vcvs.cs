namespace Bmcnn.Circuit.Elements;

/// <summary>Voltage-controlled voltage source (SPICE <c>E</c>): V(plus) − V(minus) = gain · (V(cplus) − V(cminus)).</summary>
public sealed class Vcvs : Element
{
    /// <summary>Creates the source; nodes are plus, minus, control plus, control minus.</summary>
    public Vcvs(string name, string plus, string minus, string controlPlus, string controlMinus, double gain)
        : base(name, plus, minus, controlPlus, controlMinus) => Gain = Finite(name, "gain", gain);

    /// <summary>Voltage gain (V/V).</summary>
    public double Gain { get; }
}
