namespace Bmcnn.Circuit.Elements;

/// <summary>
/// An independent DC voltage source (SPICE <c>V</c>): V(plus) − V(minus) = volts. Its branch current is positive when
/// current flows into the plus terminal, through the source, out of the minus terminal (ngspice's <c>v1#branch</c>).
/// </summary>
public sealed class VoltageSource : Element
{
    /// <summary>Creates the source.</summary>
    public VoltageSource(string name, string plus, string minus, double volts) : base(name, plus, minus) =>
        Voltage = Finite(name, "voltage", volts);

    /// <summary>DC value in volts.</summary>
    public double Voltage { get; set; }

    /// <summary>
    /// The transient function (<c>PULSE</c>, <c>PWL</c>, <c>SIN</c>, <c>EXP</c>), or null for a constant source. A transient
    /// analysis follows it from t = 0 (its initial operating point included); the DC value is used by <c>.op</c> and
    /// <c>.dc</c>.
    /// </summary>
    public Waveform? Waveform { get; set; }
}
