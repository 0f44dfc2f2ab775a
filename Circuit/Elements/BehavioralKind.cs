namespace Bmcnn.Circuit.Elements;

/// <summary>What a behavioral source's expression defines.</summary>
public enum BehavioralKind
{
    /// <summary><c>I=expr</c>: a current flowing from the plus node through the source to the minus node.</summary>
    Current,

    /// <summary><c>V=expr</c>: V(plus) − V(minus) = expr; the source has a branch current (ngspice's sign).</summary>
    Voltage,
}
