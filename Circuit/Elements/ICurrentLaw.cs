namespace Bmcnn.Circuit.Elements;

/// <summary>A two-terminal I–V law I(V) with its derivative, for memristors and other nonlinear conductors.</summary>
public interface ICurrentLaw
{
    /// <summary>Current in amperes for the branch voltage <paramref name="volts"/> (from node a to node b).</summary>
    double Current(double volts);

    /// <summary>dI/dV in siemens at <paramref name="volts"/>.</summary>
    double Conductance(double volts);

    /// <summary>The law as a SPICE behavioral expression of the given voltage expression, e.g. <c>1e-4*sinh(V(a,b)/0.5)</c>.</summary>
    string ToSpiceExpression(string voltage);
}
