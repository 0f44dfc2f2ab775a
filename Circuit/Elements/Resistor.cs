namespace Bmcnn.Circuit.Elements;

/// <summary>A linear resistor between two nodes (SPICE <c>R</c>).</summary>
public sealed class Resistor : Element
{
    /// <summary>Creates the resistor; the resistance must be finite and non-zero (ideal wires are merged nodes).</summary>
    public Resistor(string name, string a, string b, double ohms) : base(name, a, b)
    {
        Resistance = Finite(name, "resistance", ohms);
        if (ohms == 0)
        {
            throw new BmcnnException($"element '{name}': resistance must not be zero");
        }
    }

    /// <summary>Resistance in ohms.</summary>
    public double Resistance { get; }
}
