namespace Bmcnn.Circuit.Elements;

/// <summary>
/// An independent DC current source (SPICE <c>I</c>): drives <see cref="Current"/> amperes from the plus node through
/// the source to the minus node (so it pulls current out of the plus node's external circuit).
/// </summary>
public sealed class CurrentSource : Element
{
    /// <summary>Creates the source.</summary>
    public CurrentSource(string name, string plus, string minus, double amps) : base(name, plus, minus) =>
        Current = Finite(name, "current", amps);

    /// <summary>DC value in amperes.</summary>
    public double Current { get; set; }

    /// <summary>
    /// The transient function (<c>PULSE</c>, <c>PWL</c>, <c>SIN</c>, <c>EXP</c>), or null for a constant source. A transient
    /// analysis follows it from t = 0 (its initial operating point included); the DC value is used by <c>.op</c> and
    /// <c>.dc</c>.
    /// </summary>
    public Waveform? Waveform { get; set; }
}
