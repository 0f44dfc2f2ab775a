using System.Globalization;

namespace Bmcnn.Circuit.Elements;

/// <summary>
/// The memristor read law I = k·sinh(V/V0): ohmic with conductance k/V0 near zero, super-linear at larger bias.
/// </summary>
public sealed class SinhLaw : ICurrentLaw
{
    /// <summary>Creates the law; <paramref name="k"/> in amperes, <paramref name="v0"/> in volts (positive).</summary>
    public SinhLaw(double k, double v0)
    {
        if (!double.IsFinite(k) || k <= 0) throw new BmcnnException($"sinh law: k must be positive, got {k}");
        if (!double.IsFinite(v0) || v0 <= 0) throw new BmcnnException($"sinh law: v0 must be positive, got {v0}");
        K = k;
        V0 = v0;
    }

    /// <summary>
    /// The law whose chord conductance I(v)/v at the read voltage equals 1/<paramref name="resistance"/>, so a device
    /// programmed to R reads as R at <paramref name="readVolts"/>.
    /// </summary>
    public static SinhLaw Calibrated(double resistance, double readVolts, double v0)
    {
        var k = readVolts / resistance / Math.Sinh(readVolts / v0);
        return new SinhLaw(k, v0);
    }

    /// <summary>Current scale in amperes.</summary>
    public double K { get; }

    /// <summary>Voltage scale in volts.</summary>
    public double V0 { get; }

    /// <inheritdoc />
    public double Current(double volts) => K * Math.Sinh(volts / V0);

    /// <inheritdoc />
    public double Conductance(double volts) => K / V0 * Math.Cosh(volts / V0);

    /// <inheritdoc />
    public string ToSpiceExpression(string voltage) =>
        string.Create(CultureInfo.InvariantCulture, $"{K:R}*sinh(({voltage})/{V0:R})");
}
