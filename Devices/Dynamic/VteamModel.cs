using Bmcnn.Circuit;

namespace Bmcnn.Devices.Dynamic;

/// <summary>
/// The VTEAM memristor (Kvatinsky et al., IEEE TCAS-II 62(8), 2015) exactly as the <c>vteam</c> subcircuit of
/// <c>models/memristors.lib</c> writes it (<see cref="VteamSubcircuit"/>): linear I–V R(s) = Ron + (Roff − Ron)·s and
/// ds/dt = koff/D·(v/voff − 1)^aoff above voff, kon/D·(v/von − 1)^aon below von, 0 between, times Joglekar's window
/// 1 − (2s − 1)^(2p), minus the leak s/(1 TΩ · 1 F) of the state node. Defaults are MemTorch's, as in the library.
/// </summary>
public sealed record VteamModel
{
    /// <summary>Resistance at s = 0 in ohms.</summary>
    public double ROn { get; init; } = 50;

    /// <summary>Resistance at s = 1 in ohms.</summary>
    public double ROff { get; init; } = 1e3;

    /// <summary>Device thickness D in metres.</summary>
    public double D { get; init; } = 3e-9;

    /// <summary>Speed towards ON in m/s (negative).</summary>
    public double KOn { get; init; } = -10;

    /// <summary>Speed towards OFF in m/s (positive).</summary>
    public double KOff { get; init; } = 5e-4;

    /// <summary>Exponent below the ON threshold.</summary>
    public double AOn { get; init; } = 3;

    /// <summary>Exponent above the OFF threshold.</summary>
    public double AOff { get; init; } = 1;

    /// <summary>ON threshold in volts (negative).</summary>
    public double VOn { get; init; } = -0.2;

    /// <summary>OFF threshold in volts (positive).</summary>
    public double VOff { get; init; } = 0.02;

    /// <summary>Joglekar window exponent p.</summary>
    public double P { get; init; } = 10;

    // The 1 TΩ resistor across the 1 F state capacitor of the subcircuit.
    private const double Leak = 1e-12;

    /// <summary>Resistance in ohms at state <paramref name="s"/>.</summary>
    public double Resistance(double s) => ROn + (ROff - ROn) * s;

    /// <summary>The state at which the resistance is <paramref name="ohms"/>.</summary>
    public double State(double ohms) => (ohms - ROn) / (ROff - ROn);

    /// <summary>True when <paramref name="volts"/> lies strictly between the thresholds (the state cannot move).</summary>
    public bool IsBelowThresholds(double volts) => volts < VOff && volts > VOn;

    /// <summary>ds/dt at device voltage <paramref name="v"/> (p minus n) and state <paramref name="s"/>, with speed factors.</summary>
    public double Rate(double v, double s, double onScale = 1, double offScale = 1)
    {
        double drive;
        if (v >= VOff) drive = offScale * KOff / D * Math.Pow(v / VOff - 1, AOff);
        else if (v <= VOn) drive = onScale * KOn / D * Math.Pow(v / VOn - 1, AOn);
        else drive = 0;
        return drive * (1 - Math.Pow(2 * s - 1, 2 * P)) - Leak * s;
    }

    /// <summary>
    /// Integrates the state over <paramref name="dt"/> seconds while the voltage moves linearly from
    /// <paramref name="v0"/> to <paramref name="v1"/> (classical Runge–Kutta, <paramref name="steps"/> steps).
    /// </summary>
    public double Advance(double s, double v0, double v1, double dt, int steps, double onScale = 1, double offScale = 1)
    {
        if (IsBelowThresholds(v0) && IsBelowThresholds(v1)) return s - Leak * s * dt;
        var h = dt / steps;
        for (var k = 0; k < steps; k++)
        {
            var a = v0 + (v1 - v0) * k / steps;
            var m = v0 + (v1 - v0) * (k + 0.5) / steps;
            var b = v0 + (v1 - v0) * (k + 1.0) / steps;
            var k1 = Rate(a, s, onScale, offScale);
            var k2 = Rate(m, s + 0.5 * h * k1, onScale, offScale);
            var k3 = Rate(m, s + 0.5 * h * k2, onScale, offScale);
            var k4 = Rate(b, s + h * k3, onScale, offScale);
            s += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        return s;
    }

    /// <summary>Throws a one-line <see cref="BmcnnException"/> when a parameter is impossible.</summary>
    public VteamModel Validate()
    {
        if (!(ROn > 0) || !(ROff > ROn)) throw new BmcnnException($"vteam: needs 0 < ron < roff, got ron {ROn} Ω, roff {ROff} Ω");
        if (!(KOn < 0) || !(KOff > 0)) throw new BmcnnException($"vteam: needs kon < 0 < koff, got kon {KOn}, koff {KOff}");
        if (!(VOn < 0) || !(VOff > 0)) throw new BmcnnException($"vteam: needs von < 0 < voff, got von {VOn} V, voff {VOff} V");
        if (!(D > 0) || !(P > 0)) throw new BmcnnException("vteam: needs positive d and p");
        return this;
    }
}
