using Bmcnn.Circuit;

namespace Bmcnn.Devices.Programming;

/// <summary>
/// A trapezoidal write pulse: <see cref="Amplitude"/> volts across a fully selected cell (row minus column) for
/// <see cref="Width"/> seconds of flat top, with linear edges of <see cref="Edge"/> = Width/10 on either side.
/// </summary>
/// <param name="Amplitude">Voltage of the selected row against the selected columns, in volts (its sign sets the direction).</param>
/// <param name="Width">Flat-top duration in seconds.</param>
public sealed record WritePulse(double Amplitude, double Width)
{
    /// <summary>Rise and fall time in seconds.</summary>
    public double Edge => Width / 10;

    /// <summary>Rise, flat top and fall: how long the pulse drives the lines.</summary>
    public double Duration => Width + 2 * Edge;

    /// <summary>Throws a one-line <see cref="BmcnnException"/> naming <paramref name="name"/> when the pulse is impossible.</summary>
    public void Validate(string name)
    {
        if (!(Width > 0) || double.IsInfinity(Width)) throw new BmcnnException($"{name}: pulse width must be positive, got {Width} s");
        if (!(Amplitude != 0) || !double.IsFinite(Amplitude))
        {
            throw new BmcnnException($"{name}: pulse amplitude must be non-zero, got {Amplitude} V");
        }
    }
}
