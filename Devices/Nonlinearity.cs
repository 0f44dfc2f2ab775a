namespace Bmcnn.Devices;

/// <summary>The read I–V law of a programmed device.</summary>
public enum Nonlinearity
{
    /// <summary>Ohmic: I = V/R.</summary>
    Ohmic,

    /// <summary>I = k·sinh(V/V0), calibrated so the chord resistance at the read voltage is R.</summary>
    Sinh,
}
