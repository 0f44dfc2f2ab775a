namespace Bmcnn.Circuit.Elements;

/// <summary>
/// A SPICE diode model (<c>.model NAME D(IS= N= RS= CJO= VJ= M= FC= TT=)</c>) with SPICE's defaults, at the nominal
/// temperature (27 °C, where ngspice applies no temperature correction): Shockley current with emission coefficient
/// N, an ohmic series resistance, a depletion charge (CJO, VJ, M, linearized above FC·VJ) and a diffusion charge TT·I.
/// </summary>
public sealed record DiodeModel
{
    /// <summary>Boltzmann's constant over the electron charge times 300.15 K: the thermal voltage at 27 °C.</summary>
    public const double ThermalVoltage = 1.38064852e-23 * 300.15 / 1.6021766208e-19;

    /// <summary>Creates the model with SPICE's defaults; throws <see cref="BmcnnException"/> naming a bad parameter.</summary>
    public DiodeModel(string name)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new BmcnnException("diode model needs a name") : name.ToLowerInvariant();
    }

    /// <summary>The model name, lowercase.</summary>
    public string Name { get; }

    /// <summary>Saturation current IS in amperes (default 1e-14).</summary>
    public double SaturationCurrent { get; init; } = 1e-14;

    /// <summary>Emission coefficient N (default 1).</summary>
    public double EmissionCoefficient { get; init; } = 1;

    /// <summary>Series resistance RS in ohms (default 0: no internal node).</summary>
    public double SeriesResistance { get; init; }

    /// <summary>Zero-bias junction capacitance CJO in farads (default 0).</summary>
    public double JunctionCapacitance { get; init; }

    /// <summary>Junction potential VJ in volts (default 1).</summary>
    public double JunctionPotential { get; init; } = 1;

    /// <summary>Grading coefficient M (default 0.5).</summary>
    public double GradingCoefficient { get; init; } = 0.5;

    /// <summary>Forward-bias depletion capacitance coefficient FC (default 0.5).</summary>
    public double DepletionCoefficient { get; init; } = 0.5;

    /// <summary>Transit time TT in seconds (default 0).</summary>
    public double TransitTime { get; init; }

    /// <summary>True when the model stores charge (CJO or TT non-zero).</summary>
    public bool HasCharge => JunctionCapacitance != 0 || TransitTime != 0;

    /// <summary>Throws <see cref="BmcnnException"/> when a parameter is outside its physical range.</summary>
    public void Validate()
    {
        Check(SaturationCurrent > 0, "IS must be positive");
        Check(EmissionCoefficient > 0, "N must be positive");
        Check(SeriesResistance >= 0, "RS must not be negative");
        Check(JunctionCapacitance >= 0, "CJO must not be negative");
        Check(JunctionPotential > 0, "VJ must be positive");
        Check(GradingCoefficient is >= 0 and < 1, "M must be in [0, 1)");
        Check(DepletionCoefficient is >= 0 and < 1, "FC must be in [0, 1)");
        Check(TransitTime >= 0, "TT must not be negative");
    }

    private void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new BmcnnException($"diode model '{Name}': {message}");
        }
    }
}
