namespace Bmcnn.Circuit.Elements;

/// <summary>
/// A linear inductor (SPICE <c>L</c>): flux L·i, with its current as an unknown (ngspice's <c>l1#branch</c>, positive
/// from a through the inductor to b). A short circuit in the DC operating point.
/// </summary>
public sealed class Inductor : Element
{
    /// <summary>Creates the inductor; the inductance must be finite and positive.</summary>
    public Inductor(string name, string a, string b, double henries) : base(name, a, b)
    {
        Inductance = Finite(name, "inductance", henries);
        if (henries <= 0)
        {
            throw new BmcnnException($"element '{name}': inductance must be positive, got {henries}");
        }
    }

    /// <summary>Inductance in henries.</summary>
    public double Inductance { get; }

    /// <summary>The initial current (SPICE <c>IC=</c>), used by a transient analysis with UIC; null when not given.</summary>
    public double? InitialCurrent { get; init; }
}
