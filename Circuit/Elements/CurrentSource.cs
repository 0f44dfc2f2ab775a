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
}
