namespace Bmcnn.Circuit.Elements;

/// <summary>
/// A linear capacitor (SPICE <c>C</c>): charge C·(V(a) − V(b)). Open in the DC operating point; integrated in a
/// transient analysis.
/// </summary>
public sealed class Capacitor : Element
{
    /// <summary>Creates the capacitor; the capacitance must be finite and positive.</summary>
    public Capacitor(string name, string a, string b, double farads) : base(name, a, b)
    {
        Capacitance = Finite(name, "capacitance", farads);
        if (farads <= 0)
        {
            throw new BmcnnException($"element '{name}': capacitance must be positive, got {farads}");
        }
    }

    /// <summary>Capacitance in farads.</summary>
    public double Capacitance { get; }

    /// <summary>The initial voltage V(a) − V(b) (SPICE <c>IC=</c>), used by a transient analysis with UIC; null when not given.</summary>
    public double? InitialVoltage { get; init; }
}
