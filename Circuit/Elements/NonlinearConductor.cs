namespace Bmcnn.Circuit.Elements;

/// <summary>
/// A two-terminal element whose current from node a to node b follows a pluggable law I(V(a) − V(b)), such as a
/// memristor in a fixed resistance state with a sinh read nonlinearity. Written to SPICE as a <c>B</c> current source.
/// </summary>
public sealed class NonlinearConductor : Element
{
    /// <summary>Creates the element.</summary>
    public NonlinearConductor(string name, string a, string b, ICurrentLaw law) : base(name, a, b) =>
        Law = law ?? throw new ArgumentNullException(nameof(law));

    /// <summary>The I–V law.</summary>
    public ICurrentLaw Law { get; }
}
